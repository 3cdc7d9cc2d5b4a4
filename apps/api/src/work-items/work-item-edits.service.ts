import {
  BadRequestException,
  ConflictException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isDeadlineConfirmed, nextWorkItemState, WORK_ITEM_STATUS_LABELS } from '@xietong/rules';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { PolicyService } from '../authorization/policy.service';
import { WorkItemAction } from '../authorization/work-item.policy';
import { CreateSubItemDto } from './dto/create-sub-item.dto';
import { UpdateWorkItemDto } from './dto/update-work-item.dto';
import { WorkItemEventsService } from './work-item-events.service';
import { toWorkItemView, WorkItemRow, WorkItemView } from './work-item-row';
import { WorkItemChanges, WorkItemWriter } from './work-item-writer.service';

const ACTION_BY_FIELD: Readonly<Record<keyof WorkItemChanges, WorkItemAction>> = {
  ownerId: 'assign_owner',
  deadline: 'set_deadline',
  status: 'set_status',
  progress: 'report_progress',
  priority: 'set_priority',
  // Follows the status (done → 待审核); the status change is what needs permission.
  reviewState: 'set_status',
};

/** Coordinators' and managers' changes to an item: PATCH and milestones. */
@Injectable()
export class WorkItemEditsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly writer: WorkItemWriter,
    private readonly audit: AuditService,
    private readonly events: WorkItemEventsService,
  ) {}

  async update(actor: RequestActor, id: string, dto: UpdateWorkItemDto): Promise<WorkItemView> {
    const saved = await this.db.transaction((manager) => this.updateIn(manager, actor, id, dto));
    await saved.notify();
    return toWorkItemView(saved.item);
  }

  /**
   * The PATCH inside the caller's transaction (bulk work runs many in one); `notify` tells the
   * people concerned and must be called only after the transaction commits.
   */
  async updateIn(
    manager: EntityManager,
    actor: RequestActor,
    id: string,
    dto: UpdateWorkItemDto,
  ): Promise<{ item: WorkItemRow; notify: () => Promise<void> }> {
    const { version, confirmPastDeadline, ...requested } = dto;
    if (!Object.keys(requested).length) {
      throw new BadRequestException(
        'Nothing to change: send at least one of ownerId, deadline, status, progress or priority with the version.',
      );
    }
    const item = await this.writer.find(manager, id);
    // Only fields that differ need permission, so a client may send back the values it read; an
    // unconfirmed deadline sent as it is counts as a change, because sending it confirms it.
    const changes = changedFields(item, requested);
    if (requested.deadline !== undefined && !isDeadlineConfirmed(item)) changes.deadline = requested.deadline;
    const actions = (Object.keys(changes) as (keyof WorkItemChanges)[]).map(
      (field) => ACTION_BY_FIELD[field],
    );
    await this.policy.assertWorkItem(actor.user, item, ['view', ...actions], { manager });
    if (changes.ownerId) await assertOwnerWorksFor(manager, changes.ownerId, item);
    if (changes.deadline) await assertDeadlineFits(manager, changes.deadline, item);
    if (changes.progress !== undefined) await assertProgressIsReported(manager, item);
    const outcome = nextWorkItemState(item, {
      status: changes.status,
      progress: changes.progress,
      withFinalUpdate: false,
      actorRole: actor.user.role,
    });
    if (!outcome.allowed) throw new UnprocessableEntityException(outcome.reason);
    const next = { ...changes, ...changedFields(item, outcome.next) };
    const written = await this.writer.write(manager, actor, item, next, {
      expectedVersion: version,
      action: 'work_item.changed',
      deadline: { via: 'direct', confirmPastDeadline },
    });
    const newOwner = changes.ownerId ?? null;
    const deadlineMoved = changes.deadline !== undefined;
    return {
      item: written,
      notify: async () => {
        if (newOwner) await this.events.assigned(written.id, newOwner, actor.user.id);
        if (deadlineMoved) await this.events.deadlineChanged(written.id);
      },
    };
  }

  async addSubItem(actor: RequestActor, parentId: string, dto: CreateSubItemDto): Promise<WorkItemView> {
    const created = await this.db.transaction(async (manager) => {
      const parent = await this.writer.find(manager, parentId, { lock: true });
      await this.policy.assertWorkItem(actor.user, parent, ['add_sub_item'], { manager });
      if (parent.parentId) {
        throw new UnprocessableEntityException('子事项下不能再建子事项；请在上级事项下添加。');
      }
      if (parent.status === 'done' || parent.status === 'cancelled') {
        throw new ConflictException(
          `“${WORK_ITEM_STATUS_LABELS[parent.status]}”的事项不能添加子事项；请先退回或重新打开它。`,
        );
      }
      if (dto.ownerId) await assertOwnerWorksFor(manager, dto.ownerId, parent);
      assertWithin(dto.deadline, parent.startDate, parent.deadline, '子事项的截止日期');
      const [{ id }] = await manager.query(
        `INSERT INTO work_items (plan_id, task_id, organization_id, parent_id, title, owner_id, deadline,
                                 original_deadline, start_date, updated_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9) RETURNING id`,
        [
          parent.planId,
          parent.taskId,
          parent.organizationId,
          parent.id,
          dto.title,
          dto.ownerId ?? null,
          dto.deadline,
          parent.startDate,
          actor.user.id,
        ],
      );
      const subItem = await this.writer.find(manager, id);
      await this.audit.record(manager, actor, {
        action: 'work_item.sub_item_added',
        entityType: 'work_item',
        entityId: id,
        after: { parentId: parent.id, title: dto.title, ownerId: subItem.ownerId, deadline: dto.deadline },
      });
      await this.writer.rollUpInto(manager, actor, parent.id);
      return subItem;
    });
    if (created.ownerId) await this.events.assigned(created.id, created.ownerId, actor.user.id);
    return toWorkItemView(created);
  }
}

function changedFields(item: WorkItemRow, requested: WorkItemChanges): WorkItemChanges {
  return Object.fromEntries(
    Object.entries(requested).filter(
      ([field, value]) => value !== undefined && item[field as keyof WorkItemChanges] !== value,
    ),
  );
}

/** The owner answers for the item's organization: one of its users, or of its liaison offices. */
export async function assertOwnerWorksFor(
  manager: EntityManager,
  ownerId: string,
  item: WorkItemRow,
): Promise<void> {
  const [owner] = await manager.query(
    `SELECT u.active, u.display_name AS "displayName",
            CASE WHEN o.kind = 'liaison_office' AND o.parent_id IS NOT NULL THEN o.parent_id ELSE o.id END AS "actingOrganizationId"
     FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
    [ownerId],
  );
  if (!owner) throw new UnprocessableEntityException(`没有 id 为 ${ownerId} 的用户，无法指定为负责人。`);
  if (owner.actingOrganizationId !== item.organizationId) {
    throw new UnprocessableEntityException(
      `负责人须是${item.organizationName}的用户；${owner.displayName}不属于${item.organizationName}。`,
    );
  }
  if (!owner.active)
    throw new UnprocessableEntityException(`${owner.displayName}的账号已停用，不能指定为负责人。`);
}

async function assertDeadlineFits(
  manager: EntityManager,
  deadline: string,
  item: WorkItemRow,
): Promise<void> {
  if (item.parentId) {
    const [parent] = await manager.query(`SELECT deadline::text AS deadline FROM work_items WHERE id = $1`, [
      item.parentId,
    ]);
    assertWithin(deadline, item.startDate, parent.deadline, '子事项的截止日期');
    return;
  }
  const [latestMilestone] = await manager.query(
    `SELECT max(deadline)::text AS deadline FROM work_items WHERE parent_id = $1`,
    [item.id],
  );
  assertWithin(deadline, latestMilestone.deadline ?? item.startDate, null, '截止日期');
}

function assertWithin(date: string, earliest: string, latest: string | null, what: string): void {
  if (date < earliest) throw new UnprocessableEntityException(`${what}不能早于 ${earliest}。`);
  if (latest && date > latest)
    throw new UnprocessableEntityException(`${what}不能晚于上级事项的截止日期 ${latest}。`);
}

/** An item with milestones reports their mean; setting its progress by hand would be overwritten. */
export async function assertProgressIsReported(manager: EntityManager, item: WorkItemRow): Promise<void> {
  const [{ count }] = await manager.query(
    `SELECT count(*)::int AS count FROM work_items WHERE parent_id = $1`,
    [item.id],
  );
  if (count > 0) {
    throw new UnprocessableEntityException(
      `这个事项有 ${count} 个子事项，进度由子事项汇总；请更新子事项的进度。`,
    );
  }
}
