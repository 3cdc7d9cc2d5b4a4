import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DeadlineExtension, WorkItemDetail } from '../../api/types';
import { useMe } from '../../auth/auth-context';
import { useI18n } from '../../i18n';
import { CompletionModal, Decision, DecisionModal, ExtensionRequestModal } from './SupervisionModals';

const STANDING_COLOURS = { on_time: 'green', extended: 'gold', overdue: 'red' } as const;
const EXTENSION_COLOURS = { pending: 'processing', approved: 'success', rejected: 'default' } as const;
const OPEN = ['not_started', 'in_progress', 'blocked'];

/**
 * The item's place in the supervision loop: original vs current deadline and how many extensions
 * it took, the requests with their decisions, and the acts open to this person. Who may decide is
 * the plan's policy, enforced by the API; the buttons only hide what this role can never do.
 */
export function SupervisionCard({ item, onChanged }: { item: WorkItemDetail; onChanged(): void }) {
  const me = useMe();
  const { t } = useI18n();
  const [modal, setModal] = useState<'extension' | 'completion' | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const ownOrganization = me.actingOrganizationId === item.organizationId;
  const worksOnIt = ownOrganization && (me.role === 'coordinator' || me.role === 'liaison');
  const mayDecide = me.role === 'admin' || me.role === 'manager' || me.role === 'coordinator';
  const open = OPEN.includes(item.status);
  const pending = item.deadlineHistory.extensions.find((extension) => extension.state === 'pending');

  const decide = (extension: DeadlineExtension, approve: boolean) =>
    setDecision({
      title: `${t(approve ? 'sv.approve' : 'sv.reject')}：${extension.previousDeadline} → ${extension.requestedDeadline}`,
      path: `/api/extensions/${extension.id}/${approve ? 'approve' : 'reject'}`,
      field: 'note',
      label: t('sv.note'),
      required: !approve,
    });
  const review = (accept: boolean) =>
    setDecision({
      title: `${t(accept ? 'sv.accept' : 'sv.sendBack')}：${item.title}`,
      path: `/api/work-items/${item.id}/${accept ? 'accept' : 'send-back'}`,
      field: accept ? 'note' : 'reason',
      label: t(accept ? 'sv.note' : 'sv.sendBackReason'),
      required: !accept,
    });

  return (
    <Card
      size="small"
      title={t('sv.title')}
      data-testid="supervision-card"
      extra={
        <Space wrap size={[8, 8]}>
          {worksOnIt && open && !pending && !item.parentId && (
            <Button size="small" onClick={() => setModal('extension')}>{t('sv.requestExtension')}</Button>
          )}
          {worksOnIt && me.role === 'coordinator' && open && (
            <Button size="small" type="primary" onClick={() => setModal('completion')}>{t('sv.markDone')}</Button>
          )}
          {mayDecide && item.reviewState === 'pending' && (
            <>
              <Button size="small" type="primary" onClick={() => review(true)}>{t('sv.accept')}</Button>
              <Button size="small" danger onClick={() => review(false)}>{t('sv.sendBack')}</Button>
            </>
          )}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 2, md: 4 }} size="small">
        <Descriptions.Item label={t('sv.originalDeadline')}>
          <span data-testid="original-deadline">{item.deadlineHistory.originalDeadline}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.currentDeadline')}>
          <span data-testid="current-deadline">{item.deadline}</span>
          {!item.deadlineConfirmed && <Typography.Text type="secondary"> {t('sv.deadlineUnconfirmed')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.extensionCount')}>
          <span data-testid="extension-count">{item.extensionCount}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('item.status')}>
          <Space size={4} wrap>
            <Tag color={STANDING_COLOURS[item.deadlineStanding]}>{t(`sv.standing.${item.deadlineStanding}`)}</Tag>
            {item.reviewState && <Tag color={item.reviewState === 'pending' ? 'orange' : 'green'} data-testid="review-state">{t(`sv.review.${item.reviewState}`)}</Tag>}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {item.deadlineHistory.extensions.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('sv.extensions')}</Typography.Text>}
          dataSource={[...item.deadlineHistory.extensions].reverse()}
          renderItem={(extension) => (
            <List.Item
              data-testid={`extension-${extension.state}`}
              actions={
                extension.state === 'pending' && mayDecide && extension.requestedBy.id !== me.id
                  ? [
                      <Button key="approve" size="small" type="primary" onClick={() => decide(extension, true)}>{t('sv.approve')}</Button>,
                      <Button key="reject" size="small" onClick={() => decide(extension, false)}>{t('sv.reject')}</Button>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={0}>
                <span>
                  <Tag color={EXTENSION_COLOURS[extension.state]}>{t(`sv.extension.${extension.state}`)}</Tag>
                  {t('sv.extensionLine', {
                    from: extension.previousDeadline,
                    to: extension.requestedDeadline,
                    progress: extension.progressAtRequest,
                    who: extension.requestedBy.displayName,
                    reason: extension.reason,
                  })}
                </span>
                {extension.decidedBy && (
                  <Typography.Text type="secondary">
                    {extension.decidedBy.displayName}
                    {extension.decisionNote ? `：${extension.decisionNote}` : ''}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      <ExtensionRequestModal item={item} open={modal === 'extension'} onClose={() => setModal(null)} onDone={onChanged} />
      <CompletionModal item={item} open={modal === 'completion'} onClose={() => setModal(null)} onDone={onChanged} />
      <DecisionModal decision={decision} onClose={() => setDecision(null)} onDone={onChanged} />
    </Card>
  );
}
