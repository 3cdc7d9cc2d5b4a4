import { Badge, List, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { INBOX_KINDS, InboxEntry, InboxKind } from '../../api/types';
import { useUrlState } from '../../api/use-url-state';
import { AsyncContent } from '../../components/AsyncContent';
import { Translate, useI18n } from '../../i18n';
import { useSharedInbox } from './use-inbox';

/** What an entry is about, in one line. */
function summary(entry: InboxEntry, t: Translate): string {
  const d = entry.detail;
  switch (entry.kind) {
    case 'extension_to_decide':
      return `${d.requestedBy}：${entry.deadline} → ${d.requestedDeadline}，${d.reason}`;
    case 'completion_to_review':
      return `${d.submittedBy}：${d.text}`;
    case 'sent_back':
      return `${d.sentBackBy}：${d.reason}`;
    case 'question':
      return `${d.askedBy}（${d.askedByOrganization}）：${d.text}`;
    case 'unassigned':
      return `${t('item.deadline')} ${entry.deadline}`;
  }
}

/** 待办: one tab per kind with its count; each entry opens its work item. */
export function InboxPage() {
  const { t } = useI18n();
  const url = useUrlState({ tab: '' });
  const inbox = useSharedInbox();
  // Without a tab in the link, open the first kind that has something waiting (on a phone the
  // later tabs fold behind "…"), else the first.
  const kind =
    url.value('tab') || INBOX_KINDS.find((tab) => (inbox.data?.counts[tab] ?? 0) > 0) || INBOX_KINDS[0];
  return (
    <>
      <Typography.Title level={3}>{t('inbox.title')}</Typography.Title>
      <AsyncContent state={inbox}>
        {(data) => (
          <Tabs
            activeKey={kind}
            onChange={(tab) => url.set({ tab })}
            items={INBOX_KINDS.map((tab: InboxKind) => ({
              key: tab,
              label: (
                <span data-testid={`inbox-tab-${tab}`}>
                  {t(`inbox.kind.${tab}`)}{' '}
                  <Badge
                    count={data.counts[tab]}
                    showZero
                    size="small"
                    color={data.counts[tab] ? undefined : '#bfbfbf'}
                    data-testid={`inbox-count-${tab}`}
                  />
                </span>
              ),
              children: (
                <List
                  locale={{ emptyText: t('inbox.empty') }}
                  dataSource={data.items.filter((entry) => entry.kind === tab)}
                  renderItem={(entry) => (
                    <List.Item data-testid={`inbox-${entry.kind}`}>
                      <List.Item.Meta
                        title={
                          <Link
                            to={`/work-items/${entry.workItemId}`}
                          >{`${entry.taskCode}${entry.title} — ${entry.organizationName}`}</Link>
                        }
                        description={
                          <>
                            <Typography.Text type="secondary">{entry.planTitle}</Typography.Text>
                            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                              {summary(entry, t)}
                            </Typography.Paragraph>
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
              ),
            }))}
          />
        )}
      </AsyncContent>
    </>
  );
}
