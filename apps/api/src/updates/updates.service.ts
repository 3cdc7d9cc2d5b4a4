import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { nextWorkItemState } from '@xietong/rules';
import { AttachmentsService, CheckedFile, UploadedFile } from '../attachments/attachments.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { WorkItemAction } from '../authorization/work-item.policy';
import { SqlParams } from '@xietong/db';
import { Page, pageOffset, PageQueryDto } from '../work-items/dto/page-query.dto';
import { assertProgressIsReported } from '../work-items/work-item-edits.service';
import { WorkItemEventsService } from '../work-items/work-item-events.service';
import { WorkItemWriter } from '../work-items/work-item-writer.service';
import { PostUpdateDto } from './dto/post-update.dto';

const UPDATE_COLUMNS = `
  up.id, up.work_item_id AS "workItemId", up.kind, up.text, up.progress,
  up.addressed_organization_id AS "addressedOrganizationId",
  up.status_from AS "statusFrom", up.status_to AS "statusTo", up.created_at AS "createdAt",
  json_build_object('id', a.id, 'displayName', a.display_name) AS author,
  json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'kind', o.kind) AS organization`;

const UPDATE_JOINS = `JOIN users a ON a.id = up.author_id JOIN organizations o ON o.id = up.organization_id`;

interface ThreadUpdate {
  id: string;
  workItemId: string;
}

interface ThreadHead {
  workItemId: string;
  total: number;
}

export interface Thread {
  workItemId: string;
  total: number;
  items: unknown[];
}

/** 进展反馈, readable by every lead unit of the task, with the author's own organization shown. */
@Injectable()
export class UpdatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly writer: WorkItemWriter,
    private readonly events: WorkItemEventsService,
    private readonly attachments: AttachmentsService,
  ) {}

  async list(user: AuthUser, itemId: string, query: PageQueryDto): Promise<Page<unknown>> {
    const item = await this.writer.find(this.db.manager, itemId);
    await this.policy.assertWorkItem(user, item, ['view']);
    const [updates, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${UPDATE_COLUMNS} FROM work_item_updates up ${UPDATE_JOINS}
         WHERE up.work_item_id = $1 ORDER BY up.created_at DESC, up.id LIMIT $2 OFFSET $3`,
        [itemId, query.pageSize, pageOffset(query)],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM work_item_updates WHERE work_item_id = $1`, [itemId]),
    ]);
    const files = await this.attachments.forUpdates(updates.map((update: { id: string }) => update.id));
    const items = updates.map((update: { id: string }) => ({
      ...update,
      attachments: files.get(update.id) ?? [],
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * The threads of every top-level item of the item's task that the caller may see (the lead and
   * supporting units side by side), each with its latest `perThread` updates and its total: what
   * the item page shows, in one round trip instead of one per unit.
   */
  async threads(user: AuthUser, itemId: string, perThread: number): Promise<{ threads: Thread[] }> {
    const item = await this.writer.find(this.db.manager, itemId);
    await this.policy.assertWorkItem(user, item, ['view']);
    const params = new SqlParams();
    const scope = this.policy.workItemScope(user, 'w', params);
    const threadItems = `w.task_id = ${params.add(item.taskId)} AND w.parent_id IS NULL AND ${scope}`;
    const headValues = [...params.values];
    const limit = params.add(perThread);
    const [heads, updates]: [ThreadHead[], ThreadUpdate[]] = await Promise.all([
      this.db.query(
        `SELECT w.id AS "workItemId",
                (SELECT count(*)::int FROM work_item_updates u WHERE u.work_item_id = w.id) AS total
         FROM work_items w WHERE ${threadItems} ORDER BY w.id`,
        headValues,
      ),
      this.db.query(
        `SELECT latest.* FROM work_items w
         CROSS JOIN LATERAL (
           SELECT ${UPDATE_COLUMNS} FROM work_item_updates up ${UPDATE_JOINS}
           WHERE up.work_item_id = w.id ORDER BY up.created_at DESC, up.id LIMIT ${limit}) latest
         WHERE ${threadItems}
         ORDER BY latest."createdAt" DESC, latest.id`,
        params.values,
      ),
    ]);
    const files = await this.attachments.forUpdates(updates.map((update) => update.id));
    const threads = new Map(heads.map((head) => [head.workItemId, { ...head, items: [] as unknown[] }]));
    for (const update of updates) {
      threads.get(update.workItemId)?.items.push({ ...update, attachments: files.get(update.id) ?? [] });
    }
    return { threads: [...threads.values()] };
  }

  /** JSON, or multipart with evidence `files`; a final update (status done) must bring some. */
  async post(actor: RequestActor, itemId: string, dto: PostUpdateDto, uploads: readonly UploadedFile[] = []) {
    const files = await this.attachments.check(uploads);
    const posted = await this.db.transaction((manager) =>
      this.postIn(manager, actor, itemId, dto, undefined, files),
    );
    await this.events.updatePosted(posted.id);
    if (posted.submittedForReview) await this.events.completionSubmitted(posted.workItemId, posted.id);
    const { submittedForReview: _submitted, ...answer } = posted;
    return answer;
  }

  /**
   * The post inside the caller's transaction (bulk work posts to many items in one), refused
   * with 409 when `expectedVersion` is given and the item moved on; the caller tells the readers
   * (`events.updatePosted`) once it has committed.
   */
  async postIn(
    manager: EntityManager,
    actor: RequestActor,
    itemId: string,
    dto: PostUpdateDto,
    expectedVersion?: number,
    files: readonly CheckedFile[] = [],
  ) {
    const item = await this.writer.find(manager, itemId, { lock: true });
    const actions: WorkItemAction[] = ['post_update'];
    if (dto.progress !== undefined && dto.progress !== item.progress) actions.push('report_progress');
    if (dto.status !== undefined && dto.status !== item.status) actions.push('set_status');
    await this.policy.assertWorkItem(actor.user, item, actions, { manager });
    if (dto.progress !== undefined && dto.progress !== item.progress)
      await assertProgressIsReported(manager, item);
    if (dto.addressedOrganizationId) await assertLeadsSameTask(manager, item, dto.addressedOrganizationId);
    const outcome = nextWorkItemState(item, {
      status: dto.status,
      progress: dto.progress,
      withFinalUpdate: true,
      withEvidence: files.length > 0,
      actorRole: actor.user.role,
    });
    if (!outcome.allowed) throw new UnprocessableEntityException(outcome.reason);

    const statusChanged = outcome.next.status !== item.status;
    const [{ id }] = await manager.query(
      `INSERT INTO work_item_updates (work_item_id, task_id, author_id, organization_id, kind, text, progress, status_from, status_to, addressed_organization_id)
         VALUES ($1, $2, $3, $4, 'progress', $5, $6, $7, $8, $9) RETURNING id`,
      [
        item.id,
        item.taskId,
        actor.user.id,
        actor.user.organizationId,
        dto.text,
        dto.progress ?? null,
        statusChanged ? item.status : null,
        statusChanged ? outcome.next.status : null,
        dto.addressedOrganizationId ?? null,
      ],
    );
    const attachments = await this.attachments.store(manager, actor, item.id, files, { updateId: id });
    const written = await this.writer.write(manager, actor, item, outcome.next, {
      expectedVersion: expectedVersion ?? item.version,
      action: 'work_item.update_posted',
      touchesLastUpdate: true,
    });
    const [update] = await manager.query(
      `SELECT ${UPDATE_COLUMNS} FROM work_item_updates up ${UPDATE_JOINS} WHERE up.id = $1`,
      [id],
    );
    return {
      ...update,
      attachments,
      /** This update put the item in 待审核: its reviewers are to be told after commit. */
      submittedForReview: written.reviewState === 'pending' && item.reviewState !== 'pending',
      workItemVersion: written.version,
      workItemStatus: written.status,
      workItemProgress: written.progress,
    };
  }
}

/** A question goes to another unit that leads the same task: the only ones who read this thread. */
async function assertLeadsSameTask(
  manager: EntityManager,
  item: { taskId: string; organizationId: string },
  organizationId: string,
): Promise<void> {
  const [lead] = await manager.query(
    `SELECT 1 FROM work_items WHERE task_id = $1 AND organization_id = $2 AND parent_id IS NULL`,
    [item.taskId, organizationId],
  );
  if (!lead || organizationId === item.organizationId) {
    throw new UnprocessableEntityException(
      'addressedOrganizationId 须是同一任务的另一个牵头单位。The addressed organization must be another lead unit of the same task.',
    );
  }
}
