import { Table, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import {
  AUDIT_FIELD_LABELS,
  AUDIT_VALUE_LABELS,
  auditActionLabel,
  formatLocalDateTime,
} from '@xietong/rules';
import { Link } from 'react-router-dom';
import { AuditEntry, AuditPage } from '../../api/types';
import { useMe } from '../../auth/auth-context';
import { labelOf, Locale, Translate, useI18n } from '../../i18n';
import { labelled } from '../work-items/work-item-columns';

// Bookkeeping that changes with every write and says nothing to a reader.
const HIDDEN_FIELDS = new Set(['version', 'updatedAt', 'createdAt', 'id', 'searchText']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Shown {
  field: string;
  before?: string;
  after: string;
}

/** A value as a person reads it: names for ids, words for statuses, roles and other set values, 是/否 for flags. */
function show(
  value: unknown,
  field: string,
  names: Record<string, string>,
  t: Translate,
  locale: Locale,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') {
    if (UUID.test(value)) return names[value] ?? `#${value.slice(0, 8)}`;
    const known = AUDIT_VALUE_LABELS[field]?.[value];
    if (known) return known[locale === 'en' ? 1 : 0];
    if (field === 'status') return labelOf(t, `status.${value}`, value);
    if (field === 'role') return labelOf(t, `role.${value}`, value);
    if (field === 'kind') return labelOf(t, `admin.kind.${value}`, value);
    return value;
  }
  if (Array.isArray(value))
    return value.length ? value.map((entry) => show(entry, field, names, t, locale)).join('、') : '—';
  if (typeof value === 'object') {
    // A settings object: its own fields, labelled the same way.
    const text = Object.entries(value as Record<string, unknown>)
      .map(([key, entry]) => `${fieldLabel(key, locale)} ${show(entry, key, names, t, locale)}`)
      .join('；');
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  return String(value);
}

/** What changed, field by field; for a creation, what the new thing is. */
export function auditChanges(
  entry: AuditEntry,
  names: Record<string, string>,
  t: Translate,
  locale: Locale,
): Shown[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => !HIDDEN_FIELDS.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
  return fields.map((field) => ({
    field,
    ...(entry.before ? { before: show(before[field], field, names, t, locale) } : {}),
    after: show(after[field], field, names, t, locale),
  }));
}

function fieldLabel(field: string, locale: Locale): string {
  const label = AUDIT_FIELD_LABELS[field];
  return label ? label[locale === 'en' ? 1 : 0] : field;
}

function Target({ entry, names }: { entry: AuditEntry; names: Record<string, string> }) {
  const { t } = useI18n();
  const kind = labelOf(t, `audit.entity.${entry.entityType}`, entry.entityType);
  const name = entry.entityId ? names[entry.entityId] : undefined;
  const path =
    entry.entityType === 'work_item'
      ? `/work-items/${entry.entityId}`
      : entry.entityType === 'plan'
        ? `/plans/${entry.entityId}`
        : null;
  const text = name ?? (entry.entityId ? `#${entry.entityId.slice(0, 8)}` : '');
  return (
    <>
      <Typography.Text type="secondary">{kind}</Typography.Text>{' '}
      {path && name ? <Link to={path}>{text}</Link> : text}
    </>
  );
}

/**
 * 操作记录: who did what to which thing, when — names instead of ids, actions in the reader's
 * language, times on the reader's wall clock (Asia/Shanghai unless they chose another zone).
 */
export function AuditTable({
  page,
  pagination,
  showTarget = true,
}: {
  page: AuditPage;
  pagination: TablePaginationConfig | false;
  showTarget?: boolean;
}) {
  const { t, locale } = useI18n();
  const me = useMe();
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="small"
      className="responsive-table"
      dataSource={page.items}
      pagination={pagination}
      scroll={{ x: 760 }}
      columns={labelled<AuditEntry>([
        {
          title: t('audit.time'),
          dataIndex: 'createdAt',
          width: 140,
          render: (value: string) => (
            <span data-testid="audit-time">{formatLocalDateTime(value, me.timeZone)}</span>
          ),
        },
        {
          title: t('audit.actor'),
          key: 'actor',
          width: 150,
          render: (_v, entry) =>
            entry.actor ? (
              <>
                {entry.actor.displayName}
                {entry.organization ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {entry.organization.name}
                  </Typography.Text>
                ) : null}
              </>
            ) : (
              t('audit.system')
            ),
        },
        {
          title: t('audit.action'),
          dataIndex: 'action',
          width: 130,
          render: (action: string) => (
            <span data-testid="audit-action">{auditActionLabel(action, locale)}</span>
          ),
        },
        ...(showTarget
          ? [
              {
                title: t('audit.target'),
                key: 'target',
                width: 220,
                render: (_v: unknown, entry: AuditEntry) => <Target entry={entry} names={page.names} />,
              },
            ]
          : []),
        {
          title: t('audit.changes'),
          key: 'changes',
          render: (_v, entry) => (
            <div data-testid="audit-changes">
              {auditChanges(entry, page.names, t, locale).map((change) => (
                <div key={change.field}>
                  <Typography.Text type="secondary">{fieldLabel(change.field, locale)}：</Typography.Text>
                  {change.before !== undefined ? (
                    <>
                      <Typography.Text delete type="secondary">
                        {change.before}
                      </Typography.Text>{' '}
                      →{' '}
                    </>
                  ) : null}
                  <Typography.Text>{change.after}</Typography.Text>
                </div>
              ))}
            </div>
          ),
        },
      ])}
    />
  );
}
