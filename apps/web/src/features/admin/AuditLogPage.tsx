import { DatePicker, Select, Space, Typography } from 'antd';
import { addCalendarDays, AUDIT_ACTIONS, auditActionLabel, zonedInstant } from '@xietong/rules';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { AuditPage } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { urlPagination } from '../../components/url-pagination';
import { labelOf, useI18n } from '../../i18n';
import { AuditTable } from './AuditTable';

const PAGE_SIZE = 30;
const ENTITY_TYPES = [
  'work_item',
  'plan',
  'user',
  'organization',
  'report_run',
  'report_schedule',
  'webhook_endpoint',
  'notification',
];

/** Admins' 操作记录: everything anyone changed, filtered by action, kind of thing and the days (the reader's). */
export function AuditLogPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const url = useUrlState({ action: '', entityType: '', from: '', to: '' });
  const [action, entityType, from, to] = [
    url.value('action'),
    url.value('entityType'),
    url.value('from'),
    url.value('to'),
  ];
  const log = useApi(
    (signal) =>
      api<AuditPage>('/api/audit-log', {
        query: {
          action,
          entityType,
          // Whole days on the reader's clock: from 00:00 of the first to 00:00 after the last.
          from: from ? zonedInstant(from, '00:00', me.timeZone).toISOString() : undefined,
          to: to ? zonedInstant(addCalendarDays(to, 1), '00:00', me.timeZone).toISOString() : undefined,
          page: url.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      }),
    [action, entityType, from, to, url.page, me.timeZone],
  );

  return (
    <>
      <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={action}
          aria-label={t('audit.action')}
          onChange={(value) => url.set({ action: value })}
          style={{ width: 180 }}
          showSearch
          optionFilterProp="label"
          options={[
            { value: '', label: `${t('audit.action')}：${t('common.all')}` },
            ...AUDIT_ACTIONS.map((value) => ({ value, label: auditActionLabel(value, locale) })),
          ]}
        />
        <Select
          value={entityType}
          aria-label={t('audit.target')}
          onChange={(value) => url.set({ entityType: value })}
          style={{ width: 150 }}
          options={[
            { value: '', label: `${t('audit.target')}：${t('common.all')}` },
            ...ENTITY_TYPES.map((value) => ({ value, label: labelOf(t, `audit.entity.${value}`, value) })),
          ]}
        />
        <DatePicker.RangePicker
          aria-label={`${t('audit.from')} / ${t('audit.to')}`}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            url.set({
              from: range?.[0]?.format('YYYY-MM-DD') ?? '',
              to: range?.[1]?.format('YYYY-MM-DD') ?? '',
            })
          }
          style={{ maxWidth: '100%' }}
        />
      </Space>
      <AsyncContent state={log} isEmpty={(page) => page.items.length === 0}>
        {(page) => <AuditTable page={page} pagination={urlPagination(url, page.total, PAGE_SIZE, t)} />}
      </AsyncContent>
    </>
  );
}
