import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { FailedDelivery } from '../../api/types';
import { useApi } from '../../api/use-api';
import { AsyncContent } from '../../components/AsyncContent';
import { labelOf, useI18n } from '../../i18n';

/** Deliveries that gave up, with the receiver's last answer, so an admin can fix the address or hook. */
export function FailedDeliveriesPage() {
  const { t } = useI18n();
  const failed = useApi((signal) => api<FailedDelivery[]>('/api/admin/notifications/failed', { signal }), []);
  return (
    <>
      <Typography.Title level={3}>{t('admin.failed')}</Typography.Title>
      <AsyncContent state={failed} isEmpty={(list) => list.length === 0}>
        {(list) => (
          <Table<FailedDelivery>
            rowKey="id"
            dataSource={list}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              {
                title: t('reports.createdAt'),
                dataIndex: 'createdAt',
                width: 170,
                render: (value: string) => new Date(value).toLocaleString(),
              },
              {
                title: t('admin.kind'),
                dataIndex: 'kind',
                width: 110,
                render: (kind: string) => labelOf(t, `notifications.kind.${kind}`, kind),
              },
              { title: t('admin.channel'), dataIndex: 'channel', width: 90 },
              {
                title: t('admin.recipient'),
                key: 'recipient',
                render: (_v, row) => row.recipientEmail ?? row.webhookName ?? '—',
              },
              { title: t('admin.attempts'), dataIndex: 'attempts', width: 90 },
              {
                title: t('admin.lastError'),
                dataIndex: 'lastError',
                render: (value: string | null) => (
                  <Typography.Text type="danger">{value ?? '—'}</Typography.Text>
                ),
              },
              {
                title: t('item.title'),
                key: 'item',
                width: 80,
                render: (_v, row) =>
                  row.workItemId ? (
                    <Link to={`/work-items/${row.workItemId}`}>{t('common.open')}</Link>
                  ) : null,
              },
            ]}
          />
        )}
      </AsyncContent>
    </>
  );
}
