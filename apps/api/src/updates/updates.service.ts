import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { nextWorkItemState } from '@xietong/rules';
import { RequestActor } from '../audit/request-actor.decorator';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { WorkItemAction } from '../authorization/work-item.policy';
import { Page, pageOffset, PageQueryDto } from '../work-items/dto/page-query.dto';
import { assertProgressIsReported } from '../work-items/work-item-edits.service';
import { WorkItemEventsService } from '../work-items/work-item-events.service';
import { WorkItemWriter } from '../work-items/work-item-writer.service';
import { PostUpdateDto } from './dto/post-update.dto';

const UPDATE_COLUMNS = `
  up.id, up.work_item_id AS "workItemId", up.kind, up.text, up.progress,
  up.status_from AS "statusFrom", up.status_to AS "statusTo", up.created_at AS "createdAt",
  json_build_object('id', a.id, 'displayName', a.display_name) AS author,
  json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'kind', o.kind) AS organization`;

const UPDATE_JOINS = `JOIN users a ON a.id = up.author_id JOIN organizations o ON o.id = up.organization_id`;

/** 进展反馈, readable by every lead unit of the task, with the author's own organization shown. */
@Injectable()
export class UpdatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly writer: WorkItemWriter,
    private readonly events: WorkItemEventsService,
  ) {}

  async list(user: AuthUser, itemId: string, query: PageQueryDto): Promise<Page<unknown>> {
    const item = await this.writer.find(this.db.manager, itemId);
    await this.policy.assertWorkItem(user, item, ['view']);
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${UPDATE_COLUMNS} FROM work_item_updates up ${UPDATE_JOINS}
         WHERE up.work_item_id = $1 ORDER BY up.created_at DESC, up.id LIMIT $2 OFFSET $3`,
        [itemId, query.pageSize, pageOffset(query)],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM work_item_updates WHERE work_item_id = $1`, [itemId]),
    ]);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async post(actor: RequestActor, itemId: string, dto: PostUpdateDto) {
    const posted = await this.db.transaction((manager) => this.postIn(manager, actor, itemId, dto));
    await this.events.updatePosted(posted.id);
    return posted;
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
  ) {
    const item = await this.writer.find(manager, itemId, { lock: true });
    const actions: WorkItemAction[] = ['post_update'];
    if (dto.progress !== undefined && dto.progress !== item.progress) actions.push('report_progress');
    if (dto.status !== undefined && dto.status !== item.status) actions.push('set_status');
    await this.policy.assertWorkItem(actor.user, item, actions, { manager });
    if (dto.progress !== undefined && dto.progress !== item.progress)
      await assertProgressIsReported(manager, item);
    const outcome = nextWorkItemState(item, {
      status: dto.status,
      progress: dto.progress,
      withFinalUpdate: true,
      actorRole: actor.user.role,
    });
    if (!outcome.allowed) throw new UnprocessableEntityException(outcome.reason);

    const statusChanged = outcome.next.status !== item.status;
    const [{ id }] = await manager.query(
      `INSERT INTO work_item_updates (work_item_id, task_id, author_id, organization_id, kind, text, progress, status_from, status_to)
         VALUES ($1, $2, $3, $4, 'progress', $5, $6, $7, $8) RETURNING id`,
      [
        item.id,
        item.taskId,
        actor.user.id,
        actor.user.organizationId,
        dto.text,
        dto.progress ?? null,
        statusChanged ? item.status : null,
        statusChanged ? outcome.next.status : null,
      ],
    );
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
      workItemVersion: written.version,
      workItemStatus: written.status,
      workItemProgress: written.progress,
    };
  }
}
