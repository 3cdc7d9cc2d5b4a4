import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Grid, List, Popover, Space, Typography } from 'antd';
import { formatLocalDateTime } from '@xietong/rules';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { Notification, NotificationInbox } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { labelOf, useI18n } from '../../i18n';
import { describeNotification, notificationPath } from './notification-text';

/** New reminders arrive from the worker; a minute's delay is fine for deadlines counted in days. */
const POLL_MS = 60_000;

/** Fired when notifications are read elsewhere (the notifications page), so the badge follows at once. */
export const NOTIFICATIONS_READ_EVENT = 'xietong:notifications-read';

export function NotificationBell() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  // A phone has no room for a list beside the header: the bell opens the notifications page there.
  const wide = Grid.useBreakpoint().md ?? true;
  const inbox = useApi(
    (signal) => api<NotificationInbox>('/api/notifications', { query: { pageSize: 10 }, signal }),
    [],
  );
  const { reload } = inbox;

  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    window.addEventListener(NOTIFICATIONS_READ_EVENT, reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_READ_EVENT, reload);
    };
  }, [reload]);

  const markAll = useAction(async () => {
    await api('/api/notifications/read-all', { method: 'POST' });
    window.dispatchEvent(new Event(NOTIFICATIONS_READ_EVENT));
  });

  async function openNotification(notification: Notification) {
    setOpen(false);
    if (!notification.readAt)
      await api(`/api/notifications/${notification.id}/read`, { method: 'POST' }).catch(() => undefined);
    reload();
    const path = notificationPath(notification);
    if (path) navigate(path);
  }

  const content = (
    <div style={{ width: 'min(360px, 85vw)' }}>
      <div style={{ maxHeight: 400, overflow: 'auto' }}>
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
                          {describeNotification(notification)}
                        </Typography.Paragraph>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatLocalDateTime(notification.createdAt, me.timeZone)}
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
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} wrap>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notifications-all">
          {t('notifications.viewAll')}
        </Link>
        <Button
          size="small"
          onClick={() => markAll.run()}
          loading={markAll.pending}
          disabled={!inbox.data?.unread}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Space>
    </div>
  );

  const bell = (
    <Button
      type="text"
      aria-label={`${t('notifications.title')} (${inbox.data?.unread ?? 0})`}
      data-testid="notification-bell"
      onClick={wide ? undefined : () => navigate('/notifications')}
    >
      <Badge count={inbox.data?.unread ?? 0} size="small">
        <BellOutlined style={{ fontSize: 18, color: 'rgba(255, 255, 255, 0.85)' }} />
      </Badge>
    </Button>
  );
  if (!wide) return bell;

  return (
    <Popover
      content={content}
      title={t('notifications.title')}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      {bell}
    </Popover>
  );
}
