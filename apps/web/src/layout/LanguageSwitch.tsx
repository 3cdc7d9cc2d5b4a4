import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n';

/** Shows the other language's name, so a person who cannot read the current one finds it. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      type="text"
      className="app-language"
      icon={<GlobalOutlined />}
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
      lang={locale === 'en' ? 'zh-CN' : 'en'}
    >
      {t('nav.language')}
    </Button>
  );
}
