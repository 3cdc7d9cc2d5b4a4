import { App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import { formatLocalDateTime } from '@xietong/rules';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { FailedDelivery } from '../../api/types';
import { useAction, useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { ErrorAlert } from '../../components/ErrorAlert';
import { labelOf, useI18n } from '../../i18n';
import { labelled } from '../work-items/work-item-columns';

/**
 * Deliveries that gave up, with why in words a person acts on (the server's own reply beside it,
 * for whoever fixes the address or robot), and a button to send one again once it is fixed.
 */
export function FailedDeliveriesPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const failed = useApi((signal) => api<FailedDelivery[]>('/api/admin/notifications/failed', { signal }), []);
  const retry = useAction(async (row: FailedDelivery) => {
    await api(`/api/admin/notifications/${row.id}/retry`, { method: 'POST' });
    message.success(t('admin.retried'));
    failed.reload();
  });
  return (
    <>
      <Typography.Title level={3}>{t('admin.failed')}</Typography.Title>
      <ErrorAlert error={retry.error} />
      <AsyncContent state={failed} isEmpty={(list) => list.length === 0}>
        {(list) => (
          <Table<FailedDelivery>
            rowKey="id"
            className="responsive-table"
            dataSource={list}
            scroll={{ x: 960 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={labelled<FailedDelivery>([
              {
                title: t('admin.reason'),
                dataIndex: 'reasonText',
                render: (text: string, row) => (
                  <div>
                    <Typography.Text type="danger" strong data-testid="failure-reason">
                      {text}
                    </Typography.Text>
                    <div>
                      <Tag
                        color={row.failureKind === 'transient' ? 'orange' : 'default'}
                        style={{ marginTop: 4 }}
                      >
                        {row.failureKind === 'transient' ? t('admin.transient') : t('admin.permanent')}
                      </Tag>
                    </div>
                    {row.lastError ? (
                      <Typography.Paragraph
                        type="secondary"
                        style={{ fontSize: 12, marginBottom: 0, marginTop: 4 }}
                        ellipsis={{ rows: 1, expandable: true, symbol: t('admin.technical') }}
                        title={row.lastError}
                      >
                        {row.lastError}
                      </Typography.Paragraph>
                    ) : null}
                  </div>
                ),
              },
              {
                title: t('admin.recipient'),
                key: 'recipient',
                width: 200,
                render: (_v, row) =>
                  row.recipientEmail ? (
                    <>
                      {row.recipientName}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {row.recipientEmail}
                      </Typography.Text>
                    </>
                  ) : (
                    (row.webhookName ?? '—')
                  ),
              },
              {
                title: t('admin.kind'),
                dataIndex: 'kind',
                width: 120,
                render: (kind: string, row) => (
                  <>
                    {labelOf(t, `notifications.kind.${kind}`, kind)}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {row.channel === 'email' ? t('notifications.channel.email') : t('admin.robots')}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: t('audit.time'),
                dataIndex: 'lastAttemptAt',
                width: 150,
                render: (value: string | null, row) => (
                  <>
                    {formatLocalDateTime(value ?? row.createdAt, me.timeZone)}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('admin.attempts')} {row.attempts}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: '',
                key: 'actions',
                width: 150,
                render: (_v, row) => (
                  <>
                    <Popconfirm
                      title={t('admin.retryConfirm')}
                      okText={t('admin.retry')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => retry.run(row)}
                    >
                      <Button
                        size="small"
                        type="primary"
                        ghost
                        loading={retry.pending}
                        data-testid="retry-delivery"
                      >
                        {t('admin.retry')}
                      </Button>
                    </Popconfirm>{' '}
                    {row.workItemId ? (
                      <Link to={`/work-items/${row.workItemId}`}>{t('common.open')}</Link>
                    ) : null}
                  </>
                ),
              },
            ])}
          />
        )}
      </AsyncContent>
    </>
  );
}
