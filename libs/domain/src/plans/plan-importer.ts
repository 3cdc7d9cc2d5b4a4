import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { assessStructure, LeadUnit, parsePlan, ParsedPlan, PlanTask } from '@xietong/plan-parser';
import { recordAudit } from '../audit/record-audit';
import { loadOrganizationDictionary } from './organization-dictionary.repository';

export interface PlanImportRequest {
  text: string;
  title?: string;
  dryRun?: boolean;
  actorId: string | null;
  /** A manager who imports a plan manages it. */
  actorIsManager?: boolean;
  ip?: string | null;
  requestId?: string | null;
}

export interface PlanImportSummary {
  chapters: number;
  tasks: number;
  leadUnits: number;
  unknownOrganizations: string[];
  indicators: number;
}

export interface PlanImportResult {
  dryRun: boolean;
  /** Null for a dry run. */
  planId: string | null;
  /** False when a plan with this title existed and was updated in place. */
  created: boolean;
  workItemsCreated: number;
  summary: PlanImportSummary;
  parsed: ParsedPlan;
}

/** The text has no plan structure; `message` says what was expected. */
export class PlanStructureError extends Error {}

/** A manager tried to re-import (and so overwrite) a plan someone else manages. */
export class PlanNotManagedError extends Error {}

const UNVERIFIED_CODE_PREFIX = 'U-';

/**
 * Turns plan text into plan, chapters, tasks, lead units and one work item per task × lead unit.
 * Re-importing the same title updates the plan in place and never touches what people changed on
 * work items (owner, deadline, status, progress).
 */
export class PlanImporter {
  constructor(private readonly dataSource: DataSource) {}

  async import(request: PlanImportRequest): Promise<PlanImportResult> {
    const dictionary = await loadOrganizationDictionary(this.dataSource.manager);
    const parsed = parsePlan(request.text, dictionary, { title: request.title?.trim() || undefined });
    const structure = assessStructure(parsed);
    if (!structure.ok) throw new PlanStructureError(structure.message);

    const units = new Map<string, { unit: LeadUnit; kind: string }>();
    for (const task of parsed.tasks) {
      // The parser puts unknown local-looking names with the provinces, the rest with the ministries.
      for (const unit of task.leadProvinces) units.set(unit.name, { unit, kind: 'city' });
      for (const unit of task.leadMinistries) units.set(unit.name, { unit, kind: 'central' });
    }
    const summary: PlanImportSummary = {
      chapters: parsed.chapters.length,
      tasks: parsed.tasks.length,
      leadUnits: units.size,
      unknownOrganizations: [...units.values()]
        .filter(({ unit }) => !unit.verified)
        .map(({ unit }) => unit.name),
      indicators: parsed.indicators.length,
    };
    if (request.dryRun)
      return { dryRun: true, planId: null, created: false, workItemsCreated: 0, summary, parsed };

    return this.dataSource.transaction(async (manager) => {
      if (request.actorIsManager) await this.assertManagesExisting(manager, parsed.title, request.actorId);
      const { planId, created } = await this.upsertPlan(manager, request, parsed);
      const chapterIds = await this.upsertChapters(manager, planId, parsed);
      const taskIds = await this.upsertTasks(manager, planId, parsed, chapterIds);
      const organizationIds = await this.resolveOrganizations(manager, [...units.values()]);
      await this.replaceLeadUnits(manager, parsed.tasks, taskIds, organizationIds);
      const workItemsCreated = await this.createMissingWorkItems(manager, planId, parsed);
      await this.replaceIndicators(manager, planId, parsed);
      if (request.actorId && request.actorIsManager) {
        await manager.query(
          `INSERT INTO plan_managers (plan_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [planId, request.actorId],
        );
      }
      await recordAudit(manager, {
        actorId: request.actorId,
        action: created ? 'plan.imported' : 'plan.reimported',
        entityType: 'plan',
        entityId: planId,
        after: { title: parsed.title, ...summary, workItemsCreated },
        ip: request.ip,
        requestId: request.requestId,
      });
      return { dryRun: false, planId, created, workItemsCreated, summary, parsed };
    });
  }

  /** Re-importing replaces a plan's text and lead units: only its managers (or an admin) may. */
  private async assertManagesExisting(
    manager: EntityManager,
    title: string,
    actorId: string | null,
  ): Promise<void> {
    const [existing] = await manager.query(
      `SELECT p.id, EXISTS (SELECT 1 FROM plan_managers m WHERE m.plan_id = p.id AND m.user_id = $2) AS manages
       FROM plans p WHERE p.title = $1 FOR UPDATE`,
      [title, actorId],
    );
    if (existing && !existing.manages) {
      throw new PlanNotManagedError(
        `《${title}》已存在，且你不是它的规划负责人，不能重新导入覆盖它；请联系该规划的负责人或管理员，或换一个标题导入。`,
      );
    }
  }

  private async upsertPlan(manager: EntityManager, request: PlanImportRequest, parsed: ParsedPlan) {
    const [row] = await manager.query(
      `INSERT INTO plans (title, issuer, period_start, period_end, source_original, source_normalized, source_sha256, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (title) DO UPDATE SET issuer = EXCLUDED.issuer, period_start = EXCLUDED.period_start,
         period_end = EXCLUDED.period_end, source_original = EXCLUDED.source_original,
         source_normalized = EXCLUDED.source_normalized, source_sha256 = EXCLUDED.source_sha256, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [
        parsed.title,
        parsed.issuer ?? null,
        parsed.period?.start ?? null,
        parsed.period?.end ?? null,
        request.text,
        parsed.normalizedText,
        createHash('sha256').update(parsed.normalizedText).digest('hex'),
        request.actorId,
      ],
    );
    return { planId: row.id as string, created: row.created as boolean };
  }

  private async upsertChapters(
    manager: EntityManager,
    planId: string,
    parsed: ParsedPlan,
  ): Promise<Map<number, string>> {
    if (!parsed.chapters.length) return new Map();
    const rows: { id: string; number: number }[] = await manager.query(
      `INSERT INTO chapters (plan_id, number, title)
       SELECT $1, c.number, c.title FROM jsonb_to_recordset($2::jsonb) AS c(number int, title text)
       ON CONFLICT (plan_id, number) DO UPDATE SET title = EXCLUDED.title
       RETURNING id, number`,
      [planId, JSON.stringify(parsed.chapters.map(({ number, title }) => ({ number, title })))],
    );
    return new Map(rows.map((row) => [row.number, row.id]));
  }

  private async upsertTasks(
    manager: EntityManager,
    planId: string,
    parsed: ParsedPlan,
    chapterIds: Map<number, string>,
  ): Promise<Map<number, string>> {
    const rows: { id: string; number: number }[] = await manager.query(
      `INSERT INTO tasks (plan_id, chapter_id, number, code, title, body, kind, source_line)
       SELECT $1, t.chapter_id, t.number, t.code, t.title, t.body, t.kind, t.line
       FROM jsonb_to_recordset($2::jsonb) AS t(chapter_id uuid, number int, code text, title text, body text, kind text, line int)
       ON CONFLICT (plan_id, number) DO UPDATE SET chapter_id = EXCLUDED.chapter_id, code = EXCLUDED.code,
         title = EXCLUDED.title, body = EXCLUDED.body, kind = EXCLUDED.kind, source_line = EXCLUDED.source_line
       RETURNING id, number`,
      [
        planId,
        JSON.stringify(
          parsed.tasks.map((task) => ({
            chapter_id: chapterIds.get(task.chapter) ?? null,
            number: task.number,
            code: task.code,
            title: task.title,
            body: task.body,
            kind: task.kind,
            line: task.line,
          })),
        ),
      ],
    );
    return new Map(rows.map((row) => [row.number, row.id]));
  }

  /** Known units by dictionary code; unknown ones are created unverified so nothing is dropped. */
  private async resolveOrganizations(
    manager: EntityManager,
    units: { unit: LeadUnit; kind: string }[],
  ): Promise<Map<string, string>> {
    if (!units.length) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(
      `WITH wanted AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS u(name text, code text, kind text)
       ), created AS (
         INSERT INTO organizations (code, name, kind, verified)
         SELECT $2 || md5(w.name), w.name, w.kind, false FROM wanted w
         WHERE w.code IS NULL AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.name = w.name)
         ON CONFLICT DO NOTHING
         RETURNING id, name
       )
       SELECT o.id, w.name FROM wanted w JOIN organizations o ON o.code = w.code
       UNION ALL SELECT o.id, w.name FROM wanted w JOIN organizations o ON w.code IS NULL AND o.name = w.name
       UNION ALL SELECT id, name FROM created`,
      [
        JSON.stringify(units.map(({ unit, kind }) => ({ name: unit.name, code: unit.code ?? null, kind }))),
        UNVERIFIED_CODE_PREFIX,
      ],
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  private async replaceLeadUnits(
    manager: EntityManager,
    tasks: PlanTask[],
    taskIds: Map<number, string>,
    organizationIds: Map<string, string>,
  ): Promise<void> {
    const rows = tasks.flatMap((task) =>
      leadUnitsOf(task).map((unit) => ({
        task_id: taskIds.get(task.number),
        organization_id: organizationIds.get(unit.name),
        role: task.leadProvinces.includes(unit) ? 'lead_province' : 'lead_ministry',
        written: unit.written,
        inherited: task.inheritedProvinces && task.leadProvinces.includes(unit),
      })),
    );
    await manager.query(`DELETE FROM task_lead_units WHERE task_id = ANY($1::uuid[])`, [
      [...taskIds.values()],
    ]);
    await manager.query(
      `INSERT INTO task_lead_units (task_id, organization_id, role, written, inherited)
       SELECT r.task_id, r.organization_id, r.role, r.written, r.inherited
       FROM jsonb_to_recordset($1::jsonb) AS r(task_id uuid, organization_id uuid, role text, written text, inherited boolean)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * One item per task × lead unit, due at the end of the plan period. Existing items keep their
   * owner, deadline, status and progress: only the title follows the document.
   */
  private async createMissingWorkItems(
    manager: EntityManager,
    planId: string,
    parsed: ParsedPlan,
  ): Promise<number> {
    const endYear = parsed.period?.end ?? new Date().getFullYear() + 1;
    const startYear = parsed.period?.start ?? new Date().getFullYear();
    const rows: { inserted: boolean }[] = await manager.query(
      `INSERT INTO work_items (plan_id, task_id, organization_id, title, deadline, original_deadline, start_date)
       SELECT t.plan_id, t.id, l.organization_id, t.title, $2::date, $2::date, $3::date
       FROM tasks t JOIN task_lead_units l ON l.task_id = t.id
       WHERE t.plan_id = $1
       ON CONFLICT (task_id, organization_id) WHERE parent_id IS NULL DO UPDATE SET title = EXCLUDED.title
         WHERE work_items.title IS DISTINCT FROM EXCLUDED.title
       RETURNING (xmax = 0) AS inserted`,
      [planId, `${endYear}-12-31`, `${startYear}-01-01`],
    );
    return rows.filter((row) => row.inserted).length;
  }

  private async replaceIndicators(manager: EntityManager, planId: string, parsed: ParsedPlan): Promise<void> {
    await manager.query(`DELETE FROM plan_indicators WHERE plan_id = $1`, [planId]);
    if (!parsed.indicators.length) return;
    await manager.query(
      `INSERT INTO plan_indicators (plan_id, name, value, unit, year, comparator, source_text, source_line)
       SELECT $1, i.name, i.value, i.unit, i.year, i.comparator, i.source_text, i.line
       FROM jsonb_to_recordset($2::jsonb) AS i(name text, value numeric, unit text, year int, comparator text, source_text text, line int)`,
      [
        planId,
        JSON.stringify(
          parsed.indicators.map((indicator) => ({
            ...indicator,
            comparator: indicator.comparator ?? null,
            year: indicator.year ?? null,
            source_text:
              `${indicator.name} ${indicator.comparator ?? ''}${indicator.value}${indicator.unit}`.trim(),
            line: indicator.line,
          })),
        ),
      ],
    );
  }
}

function leadUnitsOf(task: PlanTask): LeadUnit[] {
  return [...task.leadProvinces, ...task.leadMinistries];
}
