import { Badge, Button, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { TRAFFIC_LIGHT_DEFAULTS } from '@xietong/rules';
import { api } from '../../api/client';
import { INBOX_KINDS, WorkItem, WorkItemPage } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useUrlState } from '../../api/use-url-state';
import { useMe } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { urlPagination } from '../../components/url-pagination';
import { todayIn } from '../../components/work-item-tags';
import { MessageKey, useI18n } from '../../i18n';
import { inboxTotal, useSharedInbox } from '../supervision/use-inbox';
import { PostUpdateModal } from '../work-items/PostUpdateModal';
import { labelled, workItemColumns } from '../work-items/work-item-columns';

type View = 'dueSoon' | 'overdue' | 'blocked' | 'recent' | 'all';
const VIEWS: View[] = ['dueSoon', 'overdue', 'blocked', 'recent', 'all'];
/** Views whose size says something (recent and all are the same items in another order). */
const COUNTED_VIEWS = ['dueSoon', 'overdue', 'blocked', 'all'] as const;
const PAGE_SIZE = 20;

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Each view is a query the API answers; "due soon" uses the traffic light's own horizon. */
function viewQuery(view: View): Record<string, string> {
  const today = todayIn();
  switch (view) {
    case 'dueSoon':
      return {
        status: 'not_started,in_progress,blocked',
        dueAfter: today,
        dueBefore: addDays(today, TRAFFIC_LIGHT_DEFAULTS.dueSoonDays),
        sort: 'deadline',
      };
    case 'overdue':
      return { overdue: 'true', sort: 'deadline' };
    case 'blocked':
      return { status: 'blocked', sort: 'deadline' };
    case 'recent':
      return { sort: '-lastUpdateAt' };
    case 'all':
      return { sort: 'task' };
  }
}

export function MyWorkPage() {
  const me = useMe();
  const { t } = useI18n();
  const url = useUrlState({ view: 'dueSoon', q: '' });
  const view = (VIEWS as string[]).includes(url.value('view')) ? (url.value('view') as View) : 'dueSoon';
  const q = url.value('q');
  const [updating, setUpdating] = useState<WorkItem | null>(null);
  const inbox = useSharedInbox();

  const items = useApi(
    (signal) =>
      api<WorkItemPage<WorkItem>>('/api/work-items', {
        query: {
          organizationId: me.actingOrganizationId,
          q,
          page: url.page,
          pageSize: PAGE_SIZE,
          ...viewQuery(view),
        },
        signal,
      }),
    [me.actingOrganizationId, view, q, url.page],
  );

  // Each view's size beside its name, reloaded with the list (a post can move an item between views).
  const viewCounts = useApi(
    async (signal) => {
      const pages = await Promise.all(
        COUNTED_VIEWS.map((counted) =>
          api<WorkItemPage<WorkItem>>('/api/work-items', {
            query: {
              organizationId: me.actingOrganizationId,
              q,
              page: 1,
              pageSize: 1,
              ...viewQuery(counted),
            },
            signal,
          }),
        ),
      );
      return new Map<View, string>(
        COUNTED_VIEWS.map((counted, index) => [
          counted,
          `${pages[index].total}${pages[index].totalExact === false ? '+' : ''}`,
        ]),
      );
    },
    [me.actingOrganizationId, q],
  );

  const columns = labelled<WorkItem>([
    ...workItemColumns(t),
    {
      title: '',
      key: 'actions',
      width: 110,
      render: (_value: unknown, item: WorkItem) => (
        <Button
          size="small"
          onClick={() => setUpdating(item)}
          aria-label={`${t('myWork.postUpdate')}: ${item.title}`}
        >
          {t('myWork.postUpdate')}
        </Button>
      ),
    },
  ]);

  return (
    <>
      <Typography.Title level={3}>{t('myWork.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('myWork.subtitle', { organization: me.organization.name })}
      </Typography.Paragraph>
      <InboxCounts inbox={inbox.data} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<View>
          className="my-work-views"
          value={view}
          onChange={(next) => url.set({ view: next })}
          options={VIEWS.map((value) => ({
            value,
            label: (
              <span data-testid={`my-work-view-${value}`}>
                {t(`myWork.${value}` as MessageKey)}
                {viewCounts.data?.has(value) && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
                    {viewCounts.data.get(value)}
                  </Typography.Text>
                )}
              </span>
            ),
          }))}
        />
        <Input.Search
          allowClear
          defaultValue={q}
          key={q}
          placeholder={t('myWork.searchPlaceholder')}
          aria-label={t('myWork.searchPlaceholder')}
          onSearch={(value) => url.set({ q: value.trim() })}
          style={{ width: 260 }}
        />
      </Space>
      <ErrorAlert error={items.error} onRetry={items.reload} />
      <Table<WorkItem>
        rowKey="id"
        columns={columns}
        dataSource={items.data?.items ?? []}
        loading={items.loading}
        scroll={{ x: 900 }}
        className="responsive-table"
        locale={{ emptyText: items.loading ? t('common.loading') : t('common.empty') }}
        pagination={urlPagination(url, items.data?.total, PAGE_SIZE, t, items.data?.totalExact)}
      />
      <PostUpdateModal
        item={updating}
        onClose={() => setUpdating(null)}
        onPosted={() => {
          items.reload();
          viewCounts.reload();
          // An answer clears a question, an update a send-back: the counts follow.
          inbox.reload();
        }}
      />
    </>
  );
}

/** What waits for me, kind by kind, above every view of my work; each count opens its 待办 tab. */
function InboxCounts({ inbox }: { inbox: ReturnType<typeof useSharedInbox>['data'] }) {
  const { t } = useI18n();
  if (!inbox) return null;
  const waiting = INBOX_KINDS.filter((kind) => inbox.counts[kind] > 0);
  return (
    <Space wrap size={[8, 8]} style={{ display: 'flex', marginBottom: 12 }} data-testid="my-work-inbox">
      <Typography.Text strong>
        {t('inbox.waiting')}{' '}
        <Badge count={inboxTotal(inbox)} showZero color={waiting.length ? undefined : '#bfbfbf'} />
      </Typography.Text>
      {waiting.length === 0 && <Typography.Text type="secondary">{t('inbox.nothing')}</Typography.Text>}
      {waiting.map((kind) => (
        <Link key={kind} to={`/inbox?tab=${kind}`} data-testid={`my-work-inbox-${kind}`}>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t(`inbox.kind.${kind}`)} {inbox.counts[kind]}
          </Tag>
        </Link>
      ))}
    </Space>
  );
}
