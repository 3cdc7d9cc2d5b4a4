import { App, Button, Card, Checkbox, Form, Radio, Switch, Typography } from 'antd';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@xietong/rules';
import { api } from '../../api/client';
import { Me, NotificationPreferences } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { AsyncContent } from '../../components/AsyncContent';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

const DEFAULTS = DEFAULT_NOTIFICATION_PREFERENCES as Required<NotificationPreferences>;

/** The signed-in person's own notification choices (PATCH /api/me/settings), read fresh from /api/me. */
export function NotificationSettings() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Required<NotificationPreferences>>();
  const me = useApi((signal) => api<Me>('/api/me', { signal }), []);
  const save = useAction(async (values: Required<NotificationPreferences>) => {
    const stored = { ...DEFAULTS, ...me.data?.notificationPreferences };
    // Channels this form does not show (none today) are kept as they were.
    const hidden = stored.channels.filter((channel) => channel !== 'email' && channel !== 'in_app');
    await api('/api/me/settings', {
      method: 'PATCH',
      body: { notificationPreferences: { ...values, channels: [...values.channels, ...hidden] } },
    });
    message.success(t('common.saved'));
    me.reload();
  });

  return (
    <Card size="small" title={t('notifications.settings')} data-testid="notification-settings">
      <AsyncContent state={me}>
        {(current) => (
          <Form<Required<NotificationPreferences>>
            form={form}
            layout="vertical"
            initialValues={{ ...DEFAULTS, ...current.notificationPreferences }}
            onFinish={save.run}
          >
            <ErrorAlert error={save.error} />
            <Form.Item
              name="channels"
              label={t('notifications.channels')}
              rules={[
                { required: true, type: 'array', min: 1, message: t('notifications.channelsRequired') },
              ]}
            >
              <Checkbox.Group
                options={[
                  { value: 'in_app', label: t('notifications.channel.in_app') },
                  { value: 'email', label: t('notifications.channel.email') },
                ]}
              />
            </Form.Item>
            <Form.Item name="dailyDigest" label={t('notifications.dailyDigest')} valuePropName="checked">
              <Switch aria-label={t('notifications.dailyDigest')} />
            </Form.Item>
            <Form.Item name="coLeadUpdates" label={t('notifications.coLead')} style={{ marginBottom: 8 }}>
              <Radio.Group
                data-testid="co-lead-updates"
                options={[
                  { value: 'digest', label: t('notifications.coLead.digest') },
                  { value: 'each', label: t('notifications.coLead.each') },
                ]}
              />
            </Form.Item>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('notifications.coLeadHelp')}
            </Typography.Paragraph>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.pending}
              data-testid="save-notification-settings"
            >
              {t('common.save')}
            </Button>
          </Form>
        )}
      </AsyncContent>
    </Card>
  );
}
