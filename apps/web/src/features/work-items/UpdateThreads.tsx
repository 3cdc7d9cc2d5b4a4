import { Card, Col, List, Progress, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatLocalDateTime } from '@xietong/rules';
import { api } from '../../api/client';
import { LeadUnitColumn, Thread } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { StatusTag, TrafficLightTag } from '../../components/work-item-tags';
import { useI18n } from '../../i18n';
import { AttachmentLinks } from '../supervision/AttachmentLinks';

function UpdateThread({ thread }: { thread: Thread | undefined }) {
  const { t } = useI18n();
  const me = useMe();
  if (!thread?.items.length) return <Typography.Text type="secondary">{t('update.empty')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={thread.items}
      renderItem={(update) => (
        <List.Item className="update-entry">
          <List.Item.Meta
            title={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {update.author.displayName}（{update.organization.name}）·{' '}
                {formatLocalDateTime(update.createdAt, me.timeZone)}
                {update.progress !== null && ` · ${update.progress}%`}
                {update.statusTo &&
                  update.statusTo !== update.statusFrom &&
                  ` · ${t(`status.${update.statusTo}`)}`}
              </Typography.Text>
            }
            description={
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {update.text}
                </Typography.Paragraph>
                <AttachmentLinks attachments={update.attachments ?? []} />
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** Every lead unit's thread side by side: how liaison offices and provinces read each other. */
export function UpdateThreads({
  units,
  currentItemId,
  refreshKey,
}: {
  units: LeadUnitColumn[];
  currentItemId: string;
  refreshKey: number;
}) {
  const { t } = useI18n();
  // Every unit's thread in one request, whatever the number of lead units.
  const threads = useApi(
    (signal) =>
      api<{ threads: Thread[] }>(`/api/work-items/${currentItemId}/threads`, {
        query: { perThread: 50 },
        signal,
      }),
    [currentItemId, refreshKey],
  );
  return (
    <AsyncContent state={threads}>
      {({ threads: loaded }) => (
        <Row gutter={[16, 16]}>
          {units.map((unit) => (
            <Col key={unit.organization.id} xs={24} md={12} xl={units.length > 2 ? 8 : 12}>
              <Card
                size="small"
                data-testid={`thread-${unit.organization.code}`}
                title={
                  <>
                    {unit.organization.name}
                    {unit.item?.id === currentItemId && (
                      <Typography.Text type="secondary"> （{t('item.thisItem')}）</Typography.Text>
                    )}
                  </>
                }
                extra={
                  unit.item && unit.item.id !== currentItemId ? (
                    <Link to={`/work-items/${unit.item.id}`}>{t('common.open')}</Link>
                  ) : null
                }
              >
                {unit.item ? (
                  <>
                    <div
                      style={{
                        display: 'flex',
                        gap: 12,
                        alignItems: 'center',
                        flexWrap: 'wrap',
                        marginBottom: 8,
                      }}
                    >
                      <TrafficLightTag light={unit.item.trafficLight} />
                      <StatusTag status={unit.item.status} />
                      <Progress percent={unit.item.progress} size="small" style={{ width: 120, margin: 0 }} />
                    </div>
                    <UpdateThread thread={loaded.find((thread) => thread.workItemId === unit.item?.id)} />
                  </>
                ) : (
                  <Typography.Text type="secondary">{t('item.noItem')}</Typography.Text>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </AsyncContent>
  );
}
