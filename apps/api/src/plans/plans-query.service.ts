import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { PolicyService } from '../authorization/policy.service';
import { SqlParams } from '@xietong/db';
import { Page, pageOffset, PageQueryDto } from '../work-items/dto/page-query.dto';
import { PlanTaskQueryDto } from './dto/plan-task-query.dto';

const PLAN_COLUMNS = `
  p.id, p.title, p.issuer, p.period_start AS "periodStart", p.period_end AS "periodEnd",
  p.time_zone AS "timeZone", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** Plans as imported: the read side (import lives in plan-import/). */
@Injectable()
export class PlansQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  async list(user: AuthUser, query: PageQueryDto): Promise<Page<unknown>> {
    const params = new SqlParams();
    const scope = this.policy.planScope(user, 'p', params);
    const scopeValues = [...params.values];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${PLAN_COLUMNS},
                (SELECT count(*)::int FROM tasks WHERE plan_id = p.id) AS "taskCount",
                (SELECT count(*)::int FROM work_items WHERE plan_id = p.id AND parent_id IS NULL) AS "workItemCount"
         FROM plans p WHERE ${scope}
         ORDER BY p.created_at DESC, p.id
         LIMIT ${params.add(query.pageSize)} OFFSET ${params.add(pageOffset(query))}`,
        params.values,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM plans p WHERE ${scope}`, scopeValues),
    ]);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async detail(user: AuthUser, planId: string) {
    const plan = await this.findVisible(user, planId);
    const [chapters, indicators, leadUnits, managers] = await Promise.all([
      this.db.query(
        `SELECT c.id, c.number, c.title, count(t.id)::int AS "taskCount"
         FROM chapters c LEFT JOIN tasks t ON t.chapter_id = c.id
         WHERE c.plan_id = $1 GROUP BY c.id ORDER BY c.number`,
        [planId],
      ),
      this.db.query(
        `SELECT id, name, value, unit, year, comparator, source_text AS "sourceText", source_line AS "sourceLine"
         FROM plan_indicators WHERE plan_id = $1 ORDER BY source_line NULLS LAST, name`,
        [planId],
      ),
      this.db.query(
        `SELECT o.id, o.code, o.name, o.kind, o.verified,
                array_agg(DISTINCT l.role ORDER BY l.role) AS roles,
                array_agg(DISTINCT l.responsibility ORDER BY l.responsibility) AS responsibilities,
                count(*)::int AS "taskCount"
         FROM task_lead_units l JOIN tasks t ON t.id = l.task_id JOIN organizations o ON o.id = l.organization_id
         WHERE t.plan_id = $1 GROUP BY o.id ORDER BY count(*) DESC, o.code`,
        [planId],
      ),
      this.db.query(
        `SELECT u.id, u.display_name AS "displayName", u.email
         FROM plan_managers m JOIN users u ON u.id = m.user_id WHERE m.plan_id = $1 ORDER BY u.display_name`,
        [planId],
      ),
    ]);
    return { ...plan, chapters, indicators, leadUnits, managers };
  }

  /** Coordinators, liaisons and viewers see the tasks their organization leads; managers and admins all. */
  async tasks(user: AuthUser, planId: string, query: PlanTaskQueryDto) {
    await this.findVisible(user, planId);
    const params = new SqlParams();
    const where = [
      `t.plan_id = ${params.add(planId)}`,
      this.policy.taskScope(user, { planId: 't.plan_id', taskId: 't.id' }, params),
    ];
    if (query.chapter) where.push(`c.number = ${params.add(query.chapter)}`);
    if (query.q?.trim()) where.push(`strpos(t.title, ${params.add(query.q.trim())}) > 0`);
    return this.db.query(
      `SELECT t.id, t.number, t.code, t.ref, t.title, t.kind, t.deadline::text AS deadline,
              t.deadline_text AS "deadlineText",
              CASE WHEN c.id IS NULL THEN NULL
                   ELSE json_build_object('id', c.id, 'number', c.number, 'title', c.title) END AS chapter,
              ${unitsWhere(`l.role = 'lead_province' AND l.responsibility = 'lead'`)} AS "leadProvinces",
              ${unitsWhere(`l.role = 'lead_ministry' AND l.responsibility = 'lead'`)} AS "leadMinistries",
              ${unitsWhere(`l.responsibility = 'support'`)} AS "supportUnits",
              ${unitsWhere(`l.role = 'participant'`)} AS participants
       FROM tasks t LEFT JOIN chapters c ON c.id = t.chapter_id
       WHERE ${where.join(' AND ')}
       ORDER BY t.number`,
      params.values,
    );
  }

  private async findVisible(user: AuthUser, planId: string) {
    const [plan] = await this.db.query(`SELECT ${PLAN_COLUMNS} FROM plans p WHERE p.id = $1`, [planId]);
    if (!plan) throw new NotFoundException(`没有 id 为 ${planId} 的规划；请从规划列表重新打开。`);
    await this.policy.assertPlan(user, plan);
    return plan;
  }
}

/** The task's units matching a fixed condition on `l` (task_lead_units); never user input. */
function unitsWhere(condition: string): string {
  return `COALESCE((SELECT json_agg(json_build_object('id', o.id, 'code', o.code, 'name', o.name, 'written', l.written, 'inherited', l.inherited, 'role', l.role) ORDER BY o.code)
                    FROM task_lead_units l JOIN organizations o ON o.id = l.organization_id
                    WHERE l.task_id = t.id AND ${condition}), '[]'::json)`;
}
