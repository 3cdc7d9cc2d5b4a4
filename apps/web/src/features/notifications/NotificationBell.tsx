import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { Notification } from '../../api/types';
import { useApi } from '../../api/use-api';
import { AsyncContent } from '../../components/AsyncContent';
import { labelOf, useI18n } from '../../i18n';

interface Inbox {
  items: Notification[];
  total: number;
  unread: number;
}

/** New reminders arrive from the worker; a minute's delay is fine for deadlines counted in days. */
const POLL_MS = 60_000;

function describe(notification: Notification): string {
  const { itemTitle, taskCode, planTitle, updateText, authorName } = notification.payload as Record<
    string,
    string | undefined
  >;
  const subject = [taskCode, itemTitle ?? planTitle].filter(Boolean).join(' ');
  const extra = updateText ? `${authorName ?? ''}：${updateText}` : '';
  return [subject, extra].filter(Boolean).join(' — ');
}

export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const inbox = useApi((signal) => api<Inbox>('/api/notifications', { query: { pageSize: 10 }, signal }), []);
  const { reload } = inbox;

  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  async function openNotification(notification: Notification) {
    setOpen(false);
    if (!notification.readAt)
      await api(`/api/notifications/${notification.id}/read`, { method: 'POST' }).catch(() => undefined);
    reload();
    if (notification.workItemId) navigate(`/work-items/${notification.workItemId}`);
  }

  const content = (
    <div style={{ width: 'min(360px, 85vw)', maxHeight: 420, overflow: 'auto' }}>
      <AsyncContent
        state={inbox}
        isEmpty={(data) => data.items.length === 0}
        emptyText={t('notifications.empty')}
      >
        {(data) => (
          <List
            dataSource={data.items}
            renderItem={(notification) => (
              <List.Item
                onClick={() => openNotification(notification)}
                onKeyDown={(event) => event.key === 'Enter' && openNotification(notification)}
                tabIndex={0}
                role="button"
                style={{ cursor: 'pointer', opacity: notification.readAt ? 0.6 : 1 }}
              >
                <List.Item.Meta
                  title={
                    <>
                      {!notification.readAt && <Badge status="processing" />}{' '}
                      {labelOf(t, `notifications.kind.${notification.kind}`, notification.kind)}
                    </>
                  }
                  description={
                    <>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                        {describe(notification)}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {new Date(notification.createdAt).toLocaleString()}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </AsyncContent>
    </div>
  );

  return (
    <Popover
      content={content}
      title={t('notifications.title')}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      <Button
        type="text"
        aria-label={`${t('notifications.title')} (${inbox.data?.unread ?? 0})`}
        data-testid="notification-bell"
      >
        <Badge count={inbox.data?.unread ?? 0} size="small">
          <BellOutlined style={{ fontSize: 18, color: 'rgba(255, 255, 255, 0.85)' }} />
        </Badge>
      </Button>
    </Popover>
  );
}
