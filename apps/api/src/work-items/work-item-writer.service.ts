import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuditAction,
  directDeadlineRefusal,
  nextWorkItemState,
  ReviewState,
  rollUpProgress,
  WorkItemPriority,
  WorkItemStatus,
} from '@xietong/rules';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { SqlParams } from '@xietong/db';
import { WORK_ITEM_COLUMNS, WORK_ITEM_JOINS, WorkItemRow } from './work-item-row';

export interface WorkItemChanges {
  ownerId?: string | null;
  deadline?: string;
  status?: WorkItemStatus;
  progress?: number;
  priority?: WorkItemPriority;
  reviewState?: ReviewState | null;
}

const COLUMNS: Readonly<Record<keyof WorkItemChanges, string>> = {
  ownerId: 'owner_id',
  deadline: 'deadline',
  status: 'status',
  progress: 'progress',
  priority: 'priority',
  reviewState: 'review_state',
};

export interface WriteOptions {
  /** The version the caller read; a different one in the database means someone else saved first. */
  expectedVersion: number;
  action: AuditAction;
  /** Set when the change comes with a posted update, for the "last reported" column. */
  touchesLastUpdate?: boolean;
  /**
   * How a deadline change came: `direct` (PATCH, bulk assignment) is held to the deadline rule and
   * confirms the first deadline; `extension` is an approved 延期申请 and counts as one.
   */
  deadline?: { via: 'direct'; confirmPastDeadline?: boolean } | { via: 'extension' };
  /** Set when the change is a review decision (销号 or 退回). */
  reviewedBy?: string;
}

/**
 * Every write to a work item goes through here: the optimistic lock, completion stamps, the
 * audit entry and the roll-up of milestone progress into the parent, all in the caller's
 * transaction.
 */
@Injectable()
export class WorkItemWriter {
  constructor(private readonly audit: AuditService) {}

  async find(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<WorkItemRow> {
    const [row] = await manager.query(
      `SELECT ${WORK_ITEM_COLUMNS} FROM work_items w ${WORK_ITEM_JOINS} WHERE w.id = $1 ${options.lock ? 'FOR UPDATE OF w' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundException(`没有 id 为 ${id} 的事项，它可能已被删除；请从事项列表重新打开。`);
    return row;
  }

  /**
   * TypeORM's version column does not guard save(), so the lock is this conditional UPDATE: with
   * two concurrent writers the second waits for the first's row lock, then finds the version
   * moved on and updates nothing.
   */
  async write(
    manager: EntityManager,
    actor: RequestActor,
    current: WorkItemRow,
    changes: WorkItemChanges,
    options: WriteOptions,
  ): Promise<WorkItemRow> {
    const deadlineVia = changes.deadline === undefined ? null : (options.deadline ?? { via: 'direct' });
    if (deadlineVia?.via === 'direct') {
      const refusal = directDeadlineRefusal(current, {
        deadline: changes.deadline!,
        today: current.today,
        confirmPastDeadline: deadlineVia.confirmPastDeadline,
      });
      if (refusal?.kind === 'confirmed') throw new ConflictException(refusal.reason);
      if (refusal) throw new BadRequestException(refusal.reason);
    }
    const changed = Object.values(changes).some((value) => value !== undefined);
    if (!changed && !options.touchesLastUpdate) {
      if (current.version !== options.expectedVersion)
        throw await this.staleVersion(manager, current.id, options.expectedVersion);
      return current;
    }
    const params = new SqlParams();
    const assignments = (Object.keys(changes) as (keyof WorkItemChanges)[])
      .filter((key) => changes[key] !== undefined)
      .map((key) => `${COLUMNS[key]} = ${params.add(changes[key])}`);
    if (changes.status === 'done' && current.status !== 'done') assignments.push('completed_at = now()');
    if (changes.status && changes.status !== 'done' && current.status === 'done')
      assignments.push('completed_at = NULL');
    if (options.touchesLastUpdate) assignments.push('last_update_at = now()');
    // The first deadline set by hand becomes the one extensions and reports are measured against.
    if (deadlineVia?.via === 'direct')
      assignments.push(
        'deadline_confirmed_at = now()',
        `original_deadline = ${params.add(changes.deadline)}`,
      );
    if (deadlineVia?.via === 'extension')
      assignments.push(
        'extension_count = extension_count + 1',
        'deadline_confirmed_at = coalesce(deadline_confirmed_at, now())',
      );
    if (options.reviewedBy)
      assignments.push(`reviewed_by_id = ${params.add(options.reviewedBy)}`, 'reviewed_at = now()');
    assignments.push(
      'version = version + 1',
      `updated_by_id = ${params.add(actor.user.id)}`,
      'updated_at = now()',
    );

    // TypeORM returns [rows, rowCount] for an UPDATE.
    const [, updatedCount]: [unknown[], number] = await manager.query(
      `UPDATE work_items SET ${assignments.join(', ')}
       WHERE id = ${params.add(current.id)} AND version = ${params.add(options.expectedVersion)}`,
      params.values,
    );
    if (updatedCount === 0) throw await this.staleVersion(manager, current.id, options.expectedVersion);

    const after = await this.find(manager, current.id);
    await this.audit.record(manager, actor, {
      action: options.action,
      entityType: 'work_item',
      entityId: current.id,
      before: auditSnapshot(current),
      after: auditSnapshot(after),
    });
    const progressMoved = after.progress !== current.progress || after.status !== current.status;
    if (current.parentId && progressMoved) await this.rollUpInto(manager, actor, current.parentId);
    return after;
  }

  /** A parent with milestones reports their mean progress; called whenever a milestone moves. */
  async rollUpInto(manager: EntityManager, actor: RequestActor, parentId: string): Promise<void> {
    const parent = await this.find(manager, parentId, { lock: true });
    const children: { status: WorkItemStatus; progress: number }[] = await manager.query(
      `SELECT status, progress FROM work_items WHERE parent_id = $1`,
      [parentId],
    );
    const progress = rollUpProgress(children);
    if (progress === null || progress === parent.progress) return;
    const outcome = nextWorkItemState(parent, {
      progress,
      withFinalUpdate: false,
      actorRole: actor.user.role,
    });
    if (!outcome.allowed) {
      throw new ConflictException(
        `上级事项“${parent.title}”的进度将汇总为 ${progress}%，但${outcome.reason}`,
      );
    }
    await this.write(manager, actor, parent, outcome.next, {
      expectedVersion: parent.version,
      action: 'work_item.progress_rolled_up',
    });
  }

  private async staleVersion(manager: EntityManager, id: string, sentVersion: number): Promise<Error> {
    const [row] = await manager.query(
      `SELECT w.version, w.updated_at AS "changedAt",
              to_char(w.updated_at AT TIME ZONE p.time_zone, 'YYYY-MM-DD HH24:MI') AS "changedAtLocal",
              u.id AS "userId", u.display_name AS "displayName", o.name AS "organizationName"
       FROM work_items w JOIN plans p ON p.id = w.plan_id
       LEFT JOIN users u ON u.id = w.updated_by_id
       LEFT JOIN organizations o ON o.id = u.organization_id
       WHERE w.id = $1`,
      [id],
    );
    if (!row) return new NotFoundException(`没有 id 为 ${id} 的事项，它可能刚被删除。`);
    const who = row.displayName ? `${row.displayName}（${row.organizationName}）` : '其他人';
    return new ConflictException({
      message: `${who}已于 ${row.changedAtLocal} 修改了这个事项（现为第 ${row.version} 版，你提交的是第 ${sentVersion} 版）。请刷新查看对方的修改后再保存。`,
      currentVersion: row.version,
      changedBy: row.userId
        ? { id: row.userId, displayName: row.displayName, organizationName: row.organizationName }
        : null,
      changedAt: row.changedAt,
    });
  }
}

function auditSnapshot(row: WorkItemRow) {
  return {
    ownerId: row.ownerId,
    deadline: row.deadline,
    status: row.status,
    progress: row.progress,
    priority: row.priority,
    reviewState: row.reviewState,
    deadlineConfirmed: row.deadlineConfirmedAt !== null,
    version: row.version,
  };
}
