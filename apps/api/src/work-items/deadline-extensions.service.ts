import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DeadlineExtension, ExtensionState } from '@xietong/domain';
import { extensionRequestRefusal, OPEN_WORK_ITEM_STATUSES, WORK_ITEM_STATUS_LABELS } from '@xietong/rules';
import { AttachmentsService, AttachmentView, UploadedFile } from '../attachments/attachments.service';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { PolicyService } from '../authorization/policy.service';
import { RequestExtensionDto } from './dto/request-extension.dto';
import { WorkItemRow } from './work-item-row';
import { WorkItemEventsService } from './work-item-events.service';
import { WorkItemWriter } from './work-item-writer.service';

type Decision = Exclude<ExtensionState, 'pending'>;

const DECISION_LABELS: Readonly<Record<Decision, string>> = { approved: '批准', rejected: '驳回' };

/**
 * 延期申请 as supervision offices handle them: the owner's side asks with a reason, the progress
 * so far and evidence; whoever the plan's policy names decides (its managers by default, always
 * once the item is escalated), and the requester hears the decision. Every request stays on
 * record, so reports can tell an extended deadline from a missed one.
 */
@Injectable()
export class DeadlineExtensionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly writer: WorkItemWriter,
    private readonly audit: AuditService,
    private readonly events: WorkItemEventsService,
    private readonly attachments: AttachmentsService,
  ) {}

  async request(
    actor: RequestActor,
    itemId: string,
    dto: RequestExtensionDto,
    uploads: readonly UploadedFile[] = [],
  ): Promise<DeadlineExtension & { attachments: AttachmentView[] }> {
    const files = await this.attachments.check(uploads);
    const requested = await this.db.transaction(async (manager) => {
      const item = await this.writer.find(manager, itemId, { lock: true });
      await this.policy.assertWorkItem(actor.user, item, ['request_extension'], { manager });
      if (!OPEN_WORK_ITEM_STATUSES.includes(item.status)) {
        throw new ConflictException(`“${WORK_ITEM_STATUS_LABELS[item.status]}”的事项不需要延期。`);
      }
      const refusal = extensionRequestRefusal(item, { ...dto, today: item.today });
      if (refusal) {
        throw dto.requestedDeadline > item.deadline
          ? new BadRequestException(refusal)
          : new UnprocessableEntityException(refusal);
      }
      if (item.parentId) {
        const [parent] = await manager.query(
          `SELECT deadline::text AS deadline FROM work_items WHERE id = $1`,
          [item.parentId],
        );
        if (dto.requestedDeadline > parent.deadline) {
          throw new UnprocessableEntityException(
            `子事项的截止日期不能晚于上级事项的截止日期 ${parent.deadline}；请先为上级事项申请延期。`,
          );
        }
      }
      const [pending] = await manager.query(
        `SELECT requested_deadline::text AS "requestedDeadline" FROM deadline_extensions WHERE work_item_id = $1 AND state = 'pending'`,
        [item.id],
      );
      if (pending) {
        throw new ConflictException(
          `这个事项已有一份待审批的延期申请（延至 ${pending.requestedDeadline}），请等审批后再申请。`,
        );
      }
      const [{ id }] = await manager.query(
        `INSERT INTO deadline_extensions (work_item_id, requested_by_id, reason, progress_at_request, previous_deadline, requested_deadline)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [item.id, actor.user.id, dto.reason, dto.progress, item.deadline, dto.requestedDeadline],
      );
      const noteId = await this.postExtensionNote(
        manager,
        actor,
        item,
        `申请将截止日期由 ${item.deadline} 延至 ${dto.requestedDeadline}（目前进度 ${dto.progress}%）：${dto.reason}`,
      );
      const attachments = await this.attachments.store(manager, actor, item.id, files, {
        updateId: noteId,
        extensionId: id,
      });
      const extension = await this.find(manager, id);
      await this.audit.record(manager, actor, {
        action: 'work_item.extension_requested',
        entityType: 'work_item',
        entityId: item.id,
        after: extension,
      });
      return { ...extension, attachments };
    });
    await this.events.extensionRequested(requested.id);
    return requested;
  }

  async decide(
    actor: RequestActor,
    extensionId: string,
    decision: Decision,
    note: string | undefined,
  ): Promise<DeadlineExtension> {
    const decided = await this.db.transaction(async (manager) => {
      const extension = await this.find(manager, extensionId, { lock: true });
      const item = await this.writer.find(manager, extension.workItemId, { lock: true });
      await this.policy.assertWorkItem(actor.user, item, ['decide_extension'], {
        manager,
        requestedById: extension.requestedById,
      });
      if (extension.state !== 'pending') {
        throw new ConflictException(
          `这份延期申请已于 ${extension.decidedAt?.toISOString().slice(0, 10)} 被${DECISION_LABELS[extension.state]}，不能再审批。`,
        );
      }
      // The item may have moved on since the request: approving must still extend an open item.
      if (decision === 'approved' && !OPEN_WORK_ITEM_STATUSES.includes(item.status)) {
        throw new ConflictException(
          `事项已${WORK_ITEM_STATUS_LABELS[item.status]}，延期申请已过时；请驳回。`,
        );
      }
      if (decision === 'approved' && extension.requestedDeadline <= item.deadline) {
        throw new ConflictException(
          `截止日期已调整为 ${item.deadline}，不早于申请的 ${extension.requestedDeadline}，申请已过时；请驳回。`,
        );
      }
      await manager.query(
        `UPDATE deadline_extensions SET state = $2, decided_by_id = $3, decided_at = now(), decision_note = $4 WHERE id = $1`,
        [extensionId, decision, actor.user.id, note ?? null],
      );
      if (decision === 'approved') {
        await this.writer.write(
          manager,
          actor,
          item,
          { deadline: extension.requestedDeadline },
          {
            expectedVersion: item.version,
            action: 'work_item.deadline_extended',
            deadline: { via: 'extension' },
          },
        );
      }
      const outcome =
        decision === 'approved'
          ? `延期申请已批准：截止日期由 ${extension.previousDeadline} 调整为 ${extension.requestedDeadline}`
          : `延期申请未获批准，截止日期仍为 ${item.deadline}`;
      await this.postExtensionNote(manager, actor, item, note ? `${outcome}。${note}` : `${outcome}。`);
      const decided = await this.find(manager, extensionId);
      await this.audit.record(manager, actor, {
        action: decision === 'approved' ? 'work_item.extension_approved' : 'work_item.extension_rejected',
        entityType: 'work_item',
        entityId: item.id,
        before: extension,
        after: decided,
      });
      return decided;
    });
    await this.events.extensionDecided(decided.id);
    if (decided.state === 'approved') await this.events.deadlineChanged(decided.workItemId);
    return decided;
  }

  private async find(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<DeadlineExtension> {
    const [row] = await manager.query(
      `SELECT id, work_item_id AS "workItemId", requested_by_id AS "requestedById", reason,
              progress_at_request AS "progressAtRequest", previous_deadline::text AS "previousDeadline",
              requested_deadline::text AS "requestedDeadline", state, decided_by_id AS "decidedById",
              decided_at AS "decidedAt", decision_note AS "decisionNote", created_at AS "createdAt"
       FROM deadline_extensions WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundException(`没有 id 为 ${id} 的延期申请。`);
    return row;
  }

  /** Requests and decisions show in the item's updates, so every lead unit of the task sees them. */
  private async postExtensionNote(
    manager: EntityManager,
    actor: RequestActor,
    item: WorkItemRow,
    text: string,
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO work_item_updates (work_item_id, task_id, author_id, organization_id, kind, text)
       VALUES ($1, $2, $3, $4, 'extension', $5) RETURNING id`,
      [item.id, item.taskId, actor.user.id, actor.user.organizationId, text],
    );
    return id;
  }
}
