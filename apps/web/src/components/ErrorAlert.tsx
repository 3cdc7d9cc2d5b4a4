import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/** The API's own words: `detail`, and each invalid field with its message. */
export function ErrorAlert({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={error.detail || t('common.errorTitle')}
      description={
        error.errors.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {error.errors.map((fieldError) => (
              <li key={`${fieldError.field}:${fieldError.message}`}>
                <strong>{fieldError.field}</strong>: {fieldError.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
