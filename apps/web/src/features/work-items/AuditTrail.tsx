import { Table, Typography } from 'antd';
import { api } from '../../api/client';
import { AuditEntry, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { useI18n } from '../../i18n';

/** Fields that changed between before and after, as "field: old → new". */
function changes(entry: AuditEntry): string {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
  const show = (value: unknown) =>
    value === null || value === undefined
      ? '—'
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return fields.map((field) => `${field}: ${show(before[field])} → ${show(after[field])}`).join('; ');
}

export function AuditTrail({ itemId, refreshKey }: { itemId: string; refreshKey: number }) {
  const me = useMe();
  const { t } = useI18n();
  // The API opens the audit log to admins and plan managers only; others get a sentence, not a 403.
  const allowed = me.role === 'admin' || me.role === 'manager';
  const entries = useApi(
    (signal) =>
      allowed
        ? api<Page<AuditEntry>>('/api/audit-log', {
            query: { entityType: 'work_item', entityId: itemId, pageSize: 50 },
            signal,
          })
        : null,
    [itemId, allowed, refreshKey],
  );
  if (!allowed) return <Typography.Text type="secondary">{t('item.auditRestricted')}</Typography.Text>;
  return (
    <AsyncContent state={entries} isEmpty={(page) => page.items.length === 0}>
      {(page) => (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          dataSource={page.items}
          pagination={false}
          scroll={{ x: 700 }}
          columns={[
            {
              title: t('reports.createdAt'),
              dataIndex: 'createdAt',
              width: 170,
              render: (value: string) => new Date(value).toLocaleString(),
            },
            {
              title: t('admin.name'),
              key: 'actor',
              width: 160,
              render: (_v, entry) => entry.actor?.displayName ?? '—',
            },
            { title: 'action', dataIndex: 'action', width: 180 },
            {
              title: '',
              key: 'changes',
              render: (_v, entry) => <Typography.Text code>{changes(entry)}</Typography.Text>,
            },
          ]}
        />
      )}
    </AsyncContent>
  );
}
