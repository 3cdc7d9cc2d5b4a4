import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '@xietong/domain';
import { AuditAction, ReportFilters, ReportFormat } from '@xietong/rules';
import { ReportJobsProducer } from '@xietong/queue';
import { reportLabels, Locale } from '@xietong/reports';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { CreateReportScheduleDto } from './dto/create-report-schedule.dto';
import { UpdateReportScheduleDto } from './dto/update-report-schedule.dto';
import { assertTimeZone, nextFiring } from './schedule-timing';

export interface ReportScheduleView {
  id: string;
  planId: string;
  name: string;
  cron: string;
  timezone: string;
  formats: ReportFormat[];
  recipientIds: string[];
  filters: ReportFilters;
  locale: Locale;
  createdById: string;
  createdAt: string;
  updatedAt: string;
  /** ISO timestamp of the next firing. */
  nextRunAt: string;
}

interface ScheduleRow {
  id: string;
  plan_id: string;
  name: string;
  cron: string;
  timezone: string;
  formats: ReportFormat[];
  recipient_ids: string[];
  filters: ReportFilters;
  locale: Locale;
  created_by_id: string;
  created_at: Date;
  updated_at: Date;
}

interface RequestContext {
  ip?: string;
  requestId?: string;
}

const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/**
 * Report schedules: Postgres holds them, BullMQ holds one job scheduler per schedule. The row
 * commits first, then the scheduler is upserted; if that fails, the worker's boot reconciles.
 */
@Injectable()
export class ReportSchedulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly producer: ReportJobsProducer,
  ) {}

  async list(user: AuthUser, planId: string | undefined): Promise<ReportScheduleView[]> {
    const rows: ScheduleRow[] = await this.db.query(
      `SELECT * FROM report_schedules s
       WHERE ($1::uuid IS NULL OR s.plan_id = $1)
         AND ($2 = 'admin' OR s.plan_id IN (SELECT plan_id FROM plan_managers WHERE user_id = $3))
       ORDER BY s.created_at`,
      [planId ?? null, user.role, user.id],
    );
    return rows.map(toView);
  }

  async get(id: string, user: AuthUser): Promise<ReportScheduleView> {
    return toView(await this.load(this.db.manager, id, user));
  }

  async create(
    dto: CreateReportScheduleDto,
    user: AuthUser,
    context: RequestContext,
  ): Promise<ReportScheduleView> {
    await this.assertManages(user, dto.planId);
    const timezone = dto.timezone ?? DEFAULT_TIMEZONE;
    assertTimeZone(timezone);
    nextFiring(dto.cron, timezone);
    const locale = dto.locale ?? 'zh-CN';
    const row = await this.db.transaction(async (manager) => {
      await this.assertRecipients(manager, dto.planId, dto.recipientIds);
      const [created]: ScheduleRow[] = await manager.query(
        `INSERT INTO report_schedules (plan_id, name, cron, timezone, formats, recipient_ids, filters, locale, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          dto.planId,
          dto.name ?? reportLabels(locale).reportTitle,
          dto.cron,
          timezone,
          [...new Set(dto.formats)],
          [...new Set(dto.recipientIds)],
          JSON.stringify(dto.filters ?? {}),
          locale,
          user.id,
        ],
      );
      await this.audit(
        manager,
        user,
        context,
        'report_schedule.created',
        created.id,
        undefined,
        toView(created),
      );
      return created;
    });
    await this.producer.upsertSchedule(row);
    return toView(row);
  }

  async update(
    id: string,
    dto: UpdateReportScheduleDto,
    user: AuthUser,
    context: RequestContext,
  ): Promise<ReportScheduleView> {
    const row = await this.db.transaction(async (manager) => {
      const before = await this.load(manager, id, user, { lock: true });
      const cron = dto.cron ?? before.cron;
      const timezone = dto.timezone ?? before.timezone;
      assertTimeZone(timezone);
      nextFiring(cron, timezone);
      if (dto.recipientIds) await this.assertRecipients(manager, before.plan_id, dto.recipientIds);
      const [[updated]]: [ScheduleRow[], number] = await manager.query(
        `UPDATE report_schedules
         SET name = $2, cron = $3, timezone = $4, formats = $5, recipient_ids = $6, filters = $7, locale = $8,
             updated_at = now()
         WHERE id = $1 RETURNING *`,
        [
          id,
          dto.name ?? before.name,
          cron,
          timezone,
          dto.formats ? [...new Set(dto.formats)] : before.formats,
          dto.recipientIds ? [...new Set(dto.recipientIds)] : before.recipient_ids,
          JSON.stringify(dto.filters ?? before.filters),
          dto.locale ?? before.locale,
        ],
      );
      await this.audit(
        manager,
        user,
        context,
        'report_schedule.updated',
        id,
        toView(before),
        toView(updated),
      );
      return updated;
    });
    await this.producer.upsertSchedule(row);
    return toView(row);
  }

  async remove(id: string, user: AuthUser, context: RequestContext): Promise<void> {
    await this.db.transaction(async (manager) => {
      const before = await this.load(manager, id, user, { lock: true });
      await manager.query(`DELETE FROM report_schedules WHERE id = $1`, [id]);
      await this.audit(manager, user, context, 'report_schedule.deleted', id, toView(before), undefined);
    });
    await this.producer.removeSchedule(id);
  }

  private async load(
    manager: EntityManager,
    id: string,
    user: AuthUser,
    options: { lock?: boolean } = {},
  ): Promise<ScheduleRow> {
    const [row]: ScheduleRow[] = await manager.query(
      `SELECT * FROM report_schedules WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundException(`Report schedule ${id} does not exist.`);
    await this.assertManages(user, row.plan_id);
    return row;
  }

  /** Admins schedule for every plan; managers for the plans they manage (the policy's plan scope). */
  private async assertManages(user: AuthUser, planId: string): Promise<void> {
    const [plan] = await this.db.query(`SELECT id, title FROM plans WHERE id = $1`, [planId]);
    if (!plan) throw new NotFoundException(`Plan ${planId} does not exist.`);
    await this.policy.assertPlan(user, plan);
  }

  /**
   * Recipients must see the plan when the schedule is made. The worker checks each one again
   * when it fires and mails them their own view of the plan (or nothing, if they lost it).
   */
  private async assertRecipients(
    manager: EntityManager,
    planId: string,
    recipientIds: readonly string[],
  ): Promise<void> {
    const rows: Array<{ id: string; sees_plan: boolean; name: string }> = await manager.query(
      `SELECT u.id, u.display_name AS name,
              u.role = 'admin'
              OR EXISTS (SELECT 1 FROM plan_managers m WHERE m.plan_id = $2 AND m.user_id = u.id)
              OR (u.role <> 'manager' AND EXISTS (
                    SELECT 1 FROM task_lead_units l JOIN tasks t ON t.id = l.task_id
                    WHERE t.plan_id = $2
                      AND l.organization_id = CASE WHEN o.kind = 'liaison_office' AND o.parent_id IS NOT NULL
                                                   THEN o.parent_id ELSE o.id END)) AS sees_plan
       FROM users u JOIN organizations o ON o.id = u.organization_id
       WHERE u.id = ANY($1::uuid[]) AND u.active`,
      [recipientIds, planId],
    );
    const known = new Set(rows.map((row) => row.id));
    const unknown = recipientIds.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new UnprocessableEntityException(
        `No active user has the id ${unknown.join(', ')}; pick recipients from GET /api/admin/users or the plan's people.`,
      );
    }
    const outsiders = rows.filter((row) => !row.sees_plan).map((row) => row.name);
    if (outsiders.length) {
      throw new UnprocessableEntityException(
        `${outsiders.join('、')} 看不到这个规划，不能接收它的报告。These recipients cannot see the plan.`,
      );
    }
  }

  private audit(
    manager: EntityManager,
    user: AuthUser,
    context: RequestContext,
    action: AuditAction,
    entityId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    return recordAudit(manager, {
      actorId: user.id,
      organizationId: user.organizationId,
      action,
      entityType: 'report_schedule',
      entityId,
      before,
      after,
      ip: context.ip,
      requestId: context.requestId,
    });
  }
}

function toView(row: ScheduleRow): ReportScheduleView {
  return {
    id: row.id,
    planId: row.plan_id,
    name: row.name,
    cron: row.cron,
    timezone: row.timezone,
    formats: row.formats,
    recipientIds: row.recipient_ids,
    filters: row.filters,
    locale: row.locale,
    createdById: row.created_by_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    nextRunAt: nextFiring(row.cron, row.timezone).toISOString(),
  };
}
