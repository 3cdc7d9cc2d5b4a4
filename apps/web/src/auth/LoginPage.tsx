import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useAction } from '../api/use-api';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { useI18n } from '../i18n';
import { useAuth } from './auth-context';

interface LoginForm {
  email: string;
  password: string;
}

/** Only paths inside the app, so a crafted link cannot send people elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { me, login } = useAuth();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const signIn = useAction((form: LoginForm) => login(form.email.trim(), form.password));

  if (me) return <Navigate to={next} replace />;
  // The API words a wrong password in English only; this one message people see often is localised.
  const loginError =
    signIn.error?.status === 401 ? new ApiError(401, signIn.error.title, t('login.failed')) : signIn.error;

  return (
    <main className="login-page">
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <ErrorAlert error={loginError} />
        <Form<LoginForm>
          layout="vertical"
          requiredMark={false}
          onFinish={async (form) => {
            await signIn.run(form);
          }}
          onValuesChange={signIn.clearError}
        >
          <Form.Item label={t('login.email')} name="email" rules={[{ required: true, message: t('login.emailRequired') }]}>
            <Input prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.pending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
