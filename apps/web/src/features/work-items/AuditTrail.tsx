import { Typography } from 'antd';
import { api } from '../../api/client';
import { AuditPage } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { useI18n } from '../../i18n';
import { AuditTable } from '../admin/AuditTable';

export function AuditTrail({ itemId, refreshKey }: { itemId: string; refreshKey: number }) {
  const me = useMe();
  const { t } = useI18n();
  // The API opens the audit log to admins and plan managers only; others get a sentence, not a 403.
  const allowed = me.role === 'admin' || me.role === 'manager';
  const entries = useApi(
    (signal) =>
      allowed
        ? api<AuditPage>('/api/audit-log', {
            query: { entityType: 'work_item', entityId: itemId, pageSize: 50 },
            signal,
          })
        : null,
    [itemId, allowed, refreshKey],
  );
  if (!allowed) return <Typography.Text type="secondary">{t('item.auditRestricted')}</Typography.Text>;
  return (
    <AsyncContent state={entries} isEmpty={(page) => page.items.length === 0}>
      {(page) => <AuditTable page={page} pagination={false} showTarget={false} />}
    </AsyncContent>
  );
}
