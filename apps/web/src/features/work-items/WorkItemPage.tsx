import { Breadcrumb, Button, Card, Col, Descriptions, Progress, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { LeadUnitColumn, WorkItemDetail } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMe } from '../../auth/auth-context';
import { AsyncContent } from '../../components/AsyncContent';
import { DeadlineText, StatusTag, TrafficLightTag } from '../../components/work-item-tags';
import { useI18n } from '../../i18n';
import { SupervisionCard } from '../supervision/SupervisionCard';
import { useSharedInbox } from '../supervision/use-inbox';
import { AssignmentForm } from './AssignmentForm';
import { AuditTrail } from './AuditTrail';
import { PostUpdateModal } from './PostUpdateModal';
import { SubItems } from './SubItems';
import { UpdateThreads } from './UpdateThreads';

/** This item's unit first, then the task's other lead units, each with its item. */
function leadUnitsOf(detail: WorkItemDetail): LeadUnitColumn[] {
  const own: LeadUnitColumn = {
    organization: {
      id: detail.organizationId,
      code: detail.organizationCode,
      name: detail.organizationName,
      kind: '',
    },
    role: 'lead_province',
    responsibility: detail.responsibility,
    written: detail.organizationName,
    item: detail,
  };
  return [own, ...detail.otherLeadUnits.filter((unit) => unit.organization.id !== detail.organizationId)];
}

export function WorkItemPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const [posting, setPosting] = useState(false);
  // Bumped after every write so the threads and the audit trail reload with the item.
  const [refreshKey, setRefreshKey] = useState(0);
  const detail = useApi(
    (signal) => api<WorkItemDetail>(`/api/work-items/${id}`, { signal }),
    [id, refreshKey],
  );
  // 待办 follows too: a decision, an update or an owner changes what waits for whom.
  const { reload: reloadInbox } = useSharedInbox();
  const refresh = () => {
    setRefreshKey((key) => key + 1);
    reloadInbox();
  };

  return (
    <AsyncContent state={detail}>
      {(item) => {
        const ownOrganization = me.actingOrganizationId === item.organizationId;
        const canAssign =
          me.role === 'admin' || me.role === 'manager' || (me.role === 'coordinator' && ownOrganization);
        const canPost = me.role !== 'viewer';
        return (
          <>
            <Breadcrumb
              items={[
                { title: <Link to="/plans">{t('nav.plans')}</Link> },
                { title: <Link to={`/plans/${item.planId}`}>{item.planTitle}</Link> },
                { title: `${item.taskCode} ${item.taskTitle}` },
              ]}
            />
            <Space
              align="center"
              wrap
              style={{ margin: '12px 0', justifyContent: 'space-between', width: '100%' }}
            >
              <Typography.Title level={3} style={{ margin: 0 }}>
                {item.title}
              </Typography.Title>
              {canPost && (
                <Button type="primary" onClick={() => setPosting(true)}>
                  {t('myWork.postUpdate')}
                </Button>
              )}
            </Space>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={canAssign ? 16 : 24}>
                <Card size="small">
                  <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                    <Descriptions.Item label={t('item.organization')}>
                      {item.organizationName}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('item.owner')}>
                      {item.ownerName ?? t('item.noOwner')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('item.deadline')}>
                      <DeadlineText item={item} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('item.light')}>
                      <TrafficLightTag light={item.trafficLight} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('item.status')}>
                      <StatusTag status={item.status} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('item.progress')}>
                      <Progress percent={item.progress} size="small" style={{ width: 160 }} />
                    </Descriptions.Item>
                  </Descriptions>
                  <Typography.Paragraph
                    type="secondary"
                    ellipsis={{ rows: 3, expandable: true }}
                    style={{ marginTop: 12 }}
                  >
                    {item.task.body}
                  </Typography.Paragraph>
                </Card>
                <div style={{ marginTop: 16 }}>
                  <SupervisionCard item={item} onChanged={refresh} />
                </div>
                <Card size="small" title={t('item.subItems')} style={{ marginTop: 16 }}>
                  <SubItems item={item} subItems={item.subItems} canEdit={canAssign} onChanged={refresh} />
                </Card>
              </Col>
              {canAssign && (
                <Col xs={24} lg={8}>
                  <Card size="small" title={t('item.assign')}>
                    <AssignmentForm item={item} onSaved={refresh} />
                  </Card>
                </Col>
              )}
            </Row>
            <Typography.Title level={4} style={{ marginTop: 24 }}>
              {t('item.threads')}
            </Typography.Title>
            <UpdateThreads units={leadUnitsOf(item)} currentItemId={item.id} refreshKey={refreshKey} />
            <Typography.Title level={4} style={{ marginTop: 24 }}>
              {t('item.audit')}
            </Typography.Title>
            <AuditTrail itemId={item.id} refreshKey={refreshKey} />
            <PostUpdateModal
              item={posting ? item : null}
              onClose={() => setPosting(false)}
              onPosted={refresh}
            />
          </>
        );
      }}
    </AsyncContent>
  );
}
