import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, ReviewDecision, reviewCompletion } from '@xietong/rules';
import { RequestActor } from '../audit/request-actor.decorator';
import { PolicyService } from '../authorization/policy.service';
import { WorkItemEventsService } from './work-item-events.service';
import { toWorkItemView, WorkItemRow, WorkItemView } from './work-item-row';
import { WorkItemWriter } from './work-item-writer.service';

const UPDATE_KIND: Readonly<Record<ReviewDecision, string>> = { accept: 'accepted', send_back: 'send_back' };
const AUDIT_ACTION: Readonly<Record<ReviewDecision, AuditAction>> = {
  accept: 'work_item.accepted',
  send_back: 'work_item.sent_back',
};

/**
 * 待审核 → 销号 or 退回, by the reviewer the plan names (its managers by default, or the lead
 * unit's coordinators). Whoever submitted the final update cannot review it; the decision is
 * posted in the thread so every lead unit sees it, and the owner is told.
 */
@Injectable()
export class CompletionReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly writer: WorkItemWriter,
    private readonly events: WorkItemEventsService,
  ) {}

  async decide(
    actor: RequestActor,
    id: string,
    decision: ReviewDecision,
    text: string | undefined,
  ): Promise<WorkItemView> {
    const reviewed = await this.db.transaction(async (manager) => {
      const item = await this.writer.find(manager, id, { lock: true });
      await this.policy.assertWorkItem(actor.user, item, ['view', 'review_completion'], {
        manager,
        requestedById: (await submitterOf(manager, item)) ?? undefined,
      });
      const outcome = reviewCompletion(item, decision);
      if (!outcome.allowed) throw new UnprocessableEntityException(outcome.reason);
      await manager.query(
        `INSERT INTO work_item_updates (work_item_id, task_id, author_id, organization_id, kind, text, status_from, status_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          item.id,
          item.taskId,
          actor.user.id,
          actor.user.organizationId,
          UPDATE_KIND[decision],
          text ?? '审核通过，予以销号。',
          item.status,
          outcome.next.status === item.status ? null : outcome.next.status,
        ],
      );
      return this.writer.write(manager, actor, item, outcome.next, {
        expectedVersion: item.version,
        action: AUDIT_ACTION[decision],
        touchesLastUpdate: true,
        reviewedBy: actor.user.id,
      });
    });
    if (decision === 'accept') await this.events.completionAccepted(reviewed.id, actor.user.id, text ?? null);
    else await this.events.sentBack(reviewed.id, text ?? '', actor.user.id);
    return toWorkItemView(reviewed);
  }
}

/** Who posted the update that marked the item done: they may not review their own completion. */
async function submitterOf(manager: EntityManager, item: WorkItemRow): Promise<string | null> {
  const [update] = await manager.query(
    `SELECT author_id FROM work_item_updates WHERE work_item_id = $1 AND status_to = 'done'
     ORDER BY created_at DESC LIMIT 1`,
    [item.id],
  );
  return update?.author_id ?? null;
}
