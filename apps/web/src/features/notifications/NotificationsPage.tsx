import { Badge, Button, Card, Col, List, Row, Space, Switch, Tag, Typography } from 'antd';
import { formatLocalDateTime } from '@xietong/rules';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { Notification, NotificationInbox } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { ErrorAlert } from '../../components/ErrorAlert';
import { labelOf, useI18n } from '../../i18n';
import { NOTIFICATIONS_READ_EVENT } from './NotificationBell';
import { NotificationSettings } from './NotificationSettings';
import { describeNotification, notificationPath } from './notification-text';

const PAGE_SIZE = 20;

/** Every in-app notification, paged, unread ones first to the eye; the bell shows only the latest ten. */
export function NotificationsPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const url = useUrlState({ unread: '' });
  const unreadOnly = url.value('unread') === '1';
  const inbox = useApi(
    (signal) =>
      api<NotificationInbox>('/api/notifications', {
        query: { unread: unreadOnly || undefined, page: url.page, pageSize: PAGE_SIZE },
        signal,
      }),
    [unreadOnly, url.page],
  );
  const { reload } = inbox;
  useEffect(() => {
    window.addEventListener(NOTIFICATIONS_READ_EVENT, reload);
    return () => window.removeEventListener(NOTIFICATIONS_READ_EVENT, reload);
  }, [reload]);

  const read = (notification: Notification) =>
    notification.readAt
      ? Promise.resolve()
      : api(`/api/notifications/${notification.id}/read`, { method: 'POST' }).then(() =>
          window.dispatchEvent(new Event(NOTIFICATIONS_READ_EVENT)),
        );
  const markAll = useAction(async () => {
    await api('/api/notifications/read-all', { method: 'POST' });
    window.dispatchEvent(new Event(NOTIFICATIONS_READ_EVENT));
  });

  async function open(notification: Notification, path: string) {
    await read(notification).catch(() => undefined);
    navigate(path);
  }

  return (
    <>
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ marginBottom: 8 }}>
          {t('notifications.title')}{' '}
          {inbox.data ? (
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {t('notifications.unreadCount', { count: inbox.data.unread })}
            </Typography.Text>
          ) : null}
        </Typography.Title>
        <Space wrap>
          <Space size={6}>
            <Switch
              checked={unreadOnly}
              onChange={(checked) => url.set({ unread: checked ? '1' : '' })}
              aria-label={t('notifications.unreadOnly')}
              data-testid="unread-only"
            />
            <span>{t('notifications.unreadOnly')}</span>
          </Space>
          <Button
            onClick={() => markAll.run()}
            loading={markAll.pending}
            disabled={!inbox.data?.unread}
            data-testid="mark-all-read"
          >
            {t('notifications.markAllRead')}
          </Button>
        </Space>
      </Space>
      <ErrorAlert error={markAll.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <AsyncContent
              state={inbox}
              isEmpty={(data) => data.items.length === 0}
              emptyText={t('notifications.empty')}
            >
              {(data) => (
                <List<Notification>
                  dataSource={data.items}
                  data-testid="notification-list"
                  pagination={
                    data.total > PAGE_SIZE
                      ? {
                          current: url.page,
                          pageSize: PAGE_SIZE,
                          total: data.total,
                          showSizeChanger: false,
                          showTotal: (total) => t('common.total', { total }),
                          onChange: (page) => url.set({ page }),
                        }
                      : false
                  }
                  renderItem={(notification) => {
                    const path = notificationPath(notification);
                    return (
                      <List.Item
                        style={{ opacity: notification.readAt ? 0.65 : 1, alignItems: 'flex-start' }}
                        actions={
                          path
                            ? [
                                <Link
                                  key="open"
                                  to={path}
                                  onClick={(event) => {
                                    event.preventDefault();
                                    void open(notification, path);
                                  }}
                                >
                                  {notification.workItemId ? t('notifications.openItem') : t('common.open')}
                                </Link>,
                              ]
                            : undefined
                        }
                      >
                        <List.Item.Meta
                          title={
                            <Space size={6} wrap>
                              {!notification.readAt && <Badge status="processing" />}
                              <Tag>
                                {labelOf(t, `notifications.kind.${notification.kind}`, notification.kind)}
                              </Tag>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {formatLocalDateTime(notification.createdAt, me.timeZone)}
                              </Typography.Text>
                            </Space>
                          }
                          description={
                            <Typography.Paragraph
                              ellipsis={{ rows: 3, expandable: true, symbol: '…' }}
                              style={{ marginBottom: 0, color: 'rgba(0,0,0,0.75)' }}
                            >
                              {describeNotification(notification)}
                            </Typography.Paragraph>
                          }
                        />
                      </List.Item>
                    );
                  }}
                />
              )}
            </AsyncContent>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <NotificationSettings />
        </Col>
      </Row>
    </>
  );
}
