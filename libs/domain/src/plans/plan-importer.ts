import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { assessStructure, parsePlan, ParsedPlan } from '@xietong/plan-parser';
import type { ReportingCadence } from '@xietong/rules';
import { recordAudit } from '../audit/record-audit';
import {
  applyCorrections,
  assertWithinLimits,
  DEFAULT_IMPORT_LIMITS,
  DictionaryOrganization,
  fallbackDeadline,
  ImportLimits,
  ImportTask,
  ImportUnit,
  PlanCorrectionError,
  planCadenceOf,
  planStartDate,
  TaskCorrection,
} from './import-model';
import { loadOrganizationDictionary } from './organization-dictionary.repository';
import type { Responsibility } from './task-lead-unit.entity';

export interface PlanImportRequest {
  text: string;
  title?: string;
  dryRun?: boolean;
  /** What a coordinator changed in the preview; applied, then written to the audit log. */
  corrections?: TaskCorrection[];
  actorId: string | null;
  /** A manager who imports a plan manages it. */
  actorIsManager?: boolean;
  ip?: string | null;
  requestId?: string | null;
}

export interface PlanImportSummary {
  chapters: number;
  tasks: number;
  /** Distinct units that lead at least one task. */
  leadUnits: number;
  supportUnits: number;
  /** Lead and support items, milestones included: what the import writes (or would). */
  workItems: number;
  unknownOrganizations: string[];
  indicators: number;
  droppedTasks: number;
}

export interface PreviewUnit {
  name: string;
  written: string;
  code: string | null;
  verified: boolean;
}

/** A task as the preview shows it, after corrections; `itemDeadline` is what its items get. */
export interface PreviewTask {
  ref: string;
  number: number;
  code: string;
  chapter: number;
  kind: string;
  title: string;
  line: number;
  inheritedProvinces: boolean;
  leadUnits: PreviewUnit[];
  supportUnits: PreviewUnit[];
  deadline: string | null;
  deadlineText: string | null;
  itemDeadline: string;
  milestones: { date: string; text: string }[];
}

/** One existing item whose document deadline changes with this import. */
export interface DeadlineChange {
  workItemId: string;
  ref: string;
  title: string;
  organization: string;
  responsibility: Responsibility;
  /** The milestone's text for a milestone sub-item, else null. */
  milestone: string | null;
  deadline: string;
  documentBefore: string | null;
  documentAfter: string;
  /** True: no person changed its deadline, so it follows the document; false: it keeps `deadline`. */
  moves: boolean;
}

export interface PlanImportResult {
  dryRun: boolean;
  /** Null for a dry run. */
  planId: string | null;
  /** False when a plan with this title existed and was updated in place. */
  created: boolean;
  workItemsCreated: number;
  summary: PlanImportSummary;
  tasks: PreviewTask[];
  /** The date items of tasks without a deadline take (plan end, or the document's latest date). */
  fallbackDeadline: string;
  reportingCadence: ReportingCadence | null;
  /** Items of a plan already imported under this title whose document deadline differs. */
  deadlineChanges: DeadlineChange[];
  parsed: ParsedPlan;
}

/** The text has no plan structure; `message` says what was expected. */
export class PlanStructureError extends Error {}

/** A manager tried to re-import (and so overwrite) a plan someone else manages. */
export class PlanNotManagedError extends Error {}

const UNVERIFIED_CODE_PREFIX = 'U-';

/** One row per task × unit (and per milestone of it), as the SQL below reads it. */
interface ItemRow {
  ref: string;
  unit: string;
  responsibility: Responsibility;
  import_key: string | null;
  title: string;
  deadline: string;
}

/**
 * Turns a task-division document into plan, chapters, tasks (keyed by `ref`), lead and support
 * units and one work item per task × unit, each due at its task's deadline, with the task's
 * milestones as sub-items. Re-importing the same title updates the plan in place and never
 * touches what people changed on work items (owner, status, progress, a deadline they moved).
 */
export class PlanImporter {
  constructor(
    private readonly dataSource: DataSource,
    limits: Partial<ImportLimits> = {},
    private readonly today: () => Date = () => new Date(),
  ) {
    this.limits = {
      maxTasks: limits.maxTasks ?? DEFAULT_IMPORT_LIMITS.maxTasks,
      maxWorkItems: limits.maxWorkItems ?? DEFAULT_IMPORT_LIMITS.maxWorkItems,
    };
  }

  private readonly limits: ImportLimits;

  async import(request: PlanImportRequest): Promise<PlanImportResult> {
    const dictionary = await loadOrganizationDictionary(this.dataSource.manager);
    const parsed = parsePlan(request.text, dictionary, { title: request.title?.trim() || undefined });
    const structure = assessStructure(parsed);
    if (!structure.ok) throw new PlanStructureError(structure.message);

    const corrections = request.corrections ?? [];
    const tasks = applyCorrections(
      parsed,
      corrections,
      await this.correctionOrganizations(this.dataSource.manager, corrections),
    );
    assertWithinLimits(tasks, this.limits);
    const today = this.today();
    const fallback = fallbackDeadline(parsed, tasks, today);
    const rows = itemRows(tasks, fallback);
    const preview = tasks.map((task) => previewTask(task, fallback));
    const summary = summarize(parsed, tasks, rows.length);

    if (request.dryRun) {
      const [existing] = await this.dataSource.query(
        `SELECT id, reporting_cadence FROM plans WHERE title = $1`,
        [parsed.title],
      );
      return {
        dryRun: true,
        planId: null,
        created: false,
        workItemsCreated: 0,
        summary,
        tasks: preview,
        fallbackDeadline: fallback,
        reportingCadence: planCadenceOf(parsed.reportingCadence, existing?.reporting_cadence ?? null),
        deadlineChanges: existing
          ? await this.deadlineChanges(this.dataSource.manager, existing.id, rows)
          : [],
        parsed,
      };
    }

    return this.dataSource.transaction(async (manager) => {
      if (request.actorIsManager) await this.assertManagesExisting(manager, parsed.title, request.actorId);
      const { planId, created, cadence } = await this.upsertPlan(manager, request, parsed);
      const deadlineChanges = created ? [] : await this.deadlineChanges(manager, planId, rows);
      const chapterIds = await this.upsertChapters(manager, planId, parsed);
      const taskIds = await this.upsertTasks(manager, planId, tasks, chapterIds);
      const organizationIds = await this.resolveOrganizations(manager, tasks);
      await this.replaceUnits(manager, tasks, taskIds, organizationIds);
      const workItemsCreated = await this.writeWorkItems(
        manager,
        planId,
        rows,
        taskIds,
        organizationIds,
        planStartDate(parsed, tasks, today),
      );
      await this.replaceIndicators(manager, planId, parsed);
      if (request.actorId && request.actorIsManager) {
        await manager.query(
          `INSERT INTO plan_managers (plan_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [planId, request.actorId],
        );
      }
      const audit = { actorId: request.actorId, ip: request.ip, requestId: request.requestId };
      const moved = deadlineChanges.filter((change) => change.moves);
      await recordAudit(manager, {
        ...audit,
        action: created ? 'plan.imported' : 'plan.reimported',
        entityType: 'plan',
        entityId: planId,
        after: {
          title: parsed.title,
          ...summary,
          workItemsCreated,
          corrections: corrections.length,
          deadlinesMoved: moved.length,
          deadlinesKept: deadlineChanges.length - moved.length,
        },
      });
      if (corrections.length) {
        await recordAudit(manager, {
          ...audit,
          action: 'plan.import_corrected',
          entityType: 'plan',
          entityId: planId,
          before: parsedTasksOf(parsed, corrections),
          after: {
            corrections,
            tasks: preview.filter((task) => corrections.some((c) => c.ref === task.ref)),
          },
        });
      }
      return {
        dryRun: false,
        planId,
        created,
        workItemsCreated,
        summary,
        tasks: preview,
        fallbackDeadline: fallback,
        reportingCadence: cadence,
        deadlineChanges,
        parsed,
      };
    });
  }

  private async correctionOrganizations(
    manager: EntityManager,
    corrections: readonly TaskCorrection[],
  ): Promise<Map<string, DictionaryOrganization>> {
    const ids = [...new Set(corrections.flatMap((c) => (c.replaceUnits ?? []).map((r) => r.to)))];
    const uuids = ids.filter((id) => UUID.test(id));
    if (uuids.length < ids.length) {
      const bad = ids.filter((id) => !UUID.test(id));
      throw new PlanCorrectionError(
        `单位编号 ${bad.join('、')} 无效，请从单位名录中选择。 (Not organization ids.)`,
      );
    }
    if (!uuids.length) return new Map();
    const rows: DictionaryOrganization[] = await manager.query(
      `SELECT id, code, name, kind, verified FROM organizations WHERE id = ANY($1::uuid[])`,
      [uuids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Existing items whose document deadline differs from the new one: those whose deadline still
   * equals the deadline the last import gave move with the document, the others keep theirs.
   */
  private async deadlineChanges(
    manager: EntityManager,
    planId: string,
    rows: ItemRow[],
  ): Promise<DeadlineChange[]> {
    return manager.query(
      `SELECT wi.id AS "workItemId", t.ref, t.title, o.name AS organization, wi.responsibility,
              CASE WHEN wi.parent_id IS NULL THEN NULL ELSE wi.title END AS milestone,
              wi.deadline::text AS deadline, wi.document_deadline::text AS "documentBefore",
              r.deadline AS "documentAfter", wi.deadline = wi.document_deadline AS moves
       FROM jsonb_to_recordset($2::jsonb) AS r(ref text, unit text, import_key text, deadline text)
       JOIN tasks t ON t.plan_id = $1 AND t.ref = r.ref
       JOIN organizations o ON o.name = r.unit
       LEFT JOIN work_items top ON top.task_id = t.id AND top.organization_id = o.id AND top.parent_id IS NULL
       JOIN work_items wi ON wi.id = CASE WHEN r.import_key IS NULL THEN top.id ELSE
         (SELECT s.id FROM work_items s WHERE s.parent_id = top.id AND s.import_key = r.import_key) END
       WHERE wi.document_deadline IS DISTINCT FROM r.deadline::date
       ORDER BY t.source_line, t.ref, o.code, wi.import_key NULLS FIRST`,
      [planId, JSON.stringify(rows)],
    );
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
    const [current] = await manager.query(`SELECT reporting_cadence FROM plans WHERE title = $1`, [
      parsed.title,
    ]);
    const cadence = planCadenceOf(parsed.reportingCadence, current?.reporting_cadence ?? null);
    const [row] = await manager.query(
      `INSERT INTO plans (title, issuer, period_start, period_end, source_original, source_normalized, source_sha256, created_by_id, reporting_cadence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (title) DO UPDATE SET issuer = EXCLUDED.issuer, period_start = EXCLUDED.period_start,
         period_end = EXCLUDED.period_end, source_original = EXCLUDED.source_original,
         source_normalized = EXCLUDED.source_normalized, source_sha256 = EXCLUDED.source_sha256,
         reporting_cadence = EXCLUDED.reporting_cadence, updated_at = now()
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
        cadence && JSON.stringify(cadence),
      ],
    );
    return { planId: row.id as string, created: row.created as boolean, cadence };
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

  /** Keyed by `ref`: numbering that restarts in every chapter repeats `number`, never `ref`. */
  private async upsertTasks(
    manager: EntityManager,
    planId: string,
    tasks: ImportTask[],
    chapterIds: Map<number, string>,
  ): Promise<Map<string, string>> {
    const rows: { id: string; ref: string }[] = await manager.query(
      `INSERT INTO tasks (plan_id, chapter_id, number, code, ref, title, body, kind, source_line, deadline, deadline_text, milestones)
       SELECT $1, t.chapter_id, t.number, t.code, t.ref, t.title, t.body, t.kind, t.line, t.deadline, t.deadline_text, t.milestones
       FROM jsonb_to_recordset($2::jsonb) AS t(chapter_id uuid, number int, code text, ref text, title text,
         body text, kind text, line int, deadline date, deadline_text text, milestones jsonb)
       ON CONFLICT (plan_id, ref) DO UPDATE SET chapter_id = EXCLUDED.chapter_id, number = EXCLUDED.number,
         code = EXCLUDED.code, title = EXCLUDED.title, body = EXCLUDED.body, kind = EXCLUDED.kind,
         source_line = EXCLUDED.source_line, deadline = EXCLUDED.deadline,
         deadline_text = EXCLUDED.deadline_text, milestones = EXCLUDED.milestones
       RETURNING id, ref`,
      [
        planId,
        JSON.stringify(
          tasks.map(({ source, ref, deadline, deadlineText, milestones }) => ({
            chapter_id: chapterIds.get(source.chapter) ?? null,
            number: source.number,
            code: source.code,
            ref,
            title: source.title,
            body: source.body,
            kind: source.kind,
            line: source.line,
            deadline,
            deadline_text: deadlineText,
            milestones: milestones.map(({ date, text }) => ({ date, text })),
          })),
        ),
      ],
    );
    return new Map(rows.map((row) => [row.ref, row.id]));
  }

  /** Known units by dictionary code; unknown ones are created unverified so nothing is dropped. */
  private async resolveOrganizations(
    manager: EntityManager,
    tasks: ImportTask[],
  ): Promise<Map<string, string>> {
    const units = new Map<string, { name: string; code: string | null; kind: string }>();
    for (const { unit, side } of tasks.flatMap((task) => task.units)) {
      // The parser puts unknown local-looking names on the province side, the rest with the ministries.
      units.set(unit.name, {
        name: unit.name,
        code: unit.code ?? null,
        kind: side === 'province' ? 'city' : 'central',
      });
    }
    if (!units.size) return new Map();
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
      [JSON.stringify([...units.values()]), UNVERIFIED_CODE_PREFIX],
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  private async replaceUnits(
    manager: EntityManager,
    tasks: ImportTask[],
    taskIds: Map<string, string>,
    organizationIds: Map<string, string>,
  ): Promise<void> {
    const rows = tasks.flatMap((task) =>
      task.units.map(({ unit, side, responsibility }) => ({
        task_id: taskIds.get(task.ref),
        organization_id: organizationIds.get(unit.name),
        role: side === 'province' ? 'lead_province' : 'lead_ministry',
        responsibility,
        written: unit.written,
        inherited: task.source.inheritedProvinces && task.source.leadProvinces.includes(unit),
      })),
    );
    await manager.query(`DELETE FROM task_lead_units WHERE task_id = ANY($1::uuid[])`, [
      [...taskIds.values()],
    ]);
    await manager.query(
      `INSERT INTO task_lead_units (task_id, organization_id, role, responsibility, written, inherited)
       SELECT r.task_id, r.organization_id, r.role, r.responsibility, r.written, r.inherited
       FROM jsonb_to_recordset($1::jsonb) AS r(task_id uuid, organization_id uuid, role text, responsibility text, written text, inherited boolean)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * One item per task × unit (lead and support), then one sub-item per milestone under each.
   * Existing items keep their owner, status and progress; their title and role follow the
   * document, and so does their deadline while it is still the one the last import gave
   * (`deadline = document_deadline`): a date a person set or an approved extension stays.
   */
  private async writeWorkItems(
    manager: EntityManager,
    planId: string,
    rows: ItemRow[],
    taskIds: Map<string, string>,
    organizationIds: Map<string, string>,
    startDate: string,
  ): Promise<number> {
    const records = rows.map((row) => ({
      task_id: taskIds.get(row.ref),
      organization_id: organizationIds.get(row.unit),
      responsibility: row.responsibility,
      import_key: row.import_key,
      title: row.title,
      deadline: row.deadline,
    }));
    const upsert = `
      deadline = CASE WHEN work_items.deadline = work_items.document_deadline THEN EXCLUDED.deadline ELSE work_items.deadline END,
      original_deadline = CASE WHEN work_items.original_deadline = work_items.document_deadline
        THEN EXCLUDED.deadline ELSE work_items.original_deadline END,
      start_date = LEAST(work_items.start_date, EXCLUDED.deadline),
      document_deadline = EXCLUDED.deadline, title = EXCLUDED.title, responsibility = EXCLUDED.responsibility,
      updated_at = CASE WHEN work_items.deadline = work_items.document_deadline
        AND work_items.document_deadline IS DISTINCT FROM EXCLUDED.deadline THEN now() ELSE work_items.updated_at END
      WHERE work_items.title IS DISTINCT FROM EXCLUDED.title
         OR work_items.responsibility IS DISTINCT FROM EXCLUDED.responsibility
         OR work_items.document_deadline IS DISTINCT FROM EXCLUDED.deadline`;
    const top: { inserted: boolean }[] = await manager.query(
      `INSERT INTO work_items (plan_id, task_id, organization_id, responsibility, title, deadline, original_deadline,
                               document_deadline, start_date)
       SELECT $1, r.task_id, r.organization_id, r.responsibility, r.title, r.deadline, r.deadline, r.deadline,
              LEAST($3::date, r.deadline)
       FROM jsonb_to_recordset($2::jsonb) AS r(task_id uuid, organization_id uuid, responsibility text, import_key text, title text, deadline date)
       WHERE r.import_key IS NULL
       ON CONFLICT (task_id, organization_id) WHERE parent_id IS NULL DO UPDATE SET ${upsert}
       RETURNING (xmax = 0) AS inserted`,
      [planId, JSON.stringify(records), startDate],
    );
    const milestones: { inserted: boolean }[] = await manager.query(
      `INSERT INTO work_items (plan_id, task_id, organization_id, parent_id, import_key, responsibility, title, deadline,
                               original_deadline, document_deadline, start_date)
       SELECT $1, r.task_id, r.organization_id, p.id, r.import_key, r.responsibility, r.title, r.deadline, r.deadline,
              r.deadline, LEAST($3::date, r.deadline)
       FROM jsonb_to_recordset($2::jsonb) AS r(task_id uuid, organization_id uuid, responsibility text, import_key text, title text, deadline date)
       JOIN work_items p ON p.task_id = r.task_id AND p.organization_id = r.organization_id AND p.parent_id IS NULL
       WHERE r.import_key IS NOT NULL
       ON CONFLICT (parent_id, import_key) WHERE import_key IS NOT NULL DO UPDATE SET ${upsert}
       RETURNING (xmax = 0) AS inserted`,
      [planId, JSON.stringify(records), startDate],
    );
    return [...top, ...milestones].filter((row) => row.inserted).length;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every item the import writes: task × unit, and task × unit × milestone as sub-items. */
function itemRows(tasks: ImportTask[], fallback: string): ItemRow[] {
  return tasks.flatMap((task) =>
    task.units.flatMap(({ unit, responsibility }) => [
      {
        ref: task.ref,
        unit: unit.name,
        responsibility,
        import_key: null,
        title: task.source.title,
        deadline: task.deadline ?? fallback,
      },
      ...task.milestones.map((milestone, index) => ({
        ref: task.ref,
        unit: unit.name,
        responsibility,
        import_key: `milestone:${index + 1}`,
        title: milestone.text,
        deadline: milestone.date,
      })),
    ]),
  );
}

const previewUnit = ({ unit }: ImportUnit): PreviewUnit => ({
  name: unit.name,
  written: unit.written,
  code: unit.code ?? null,
  verified: unit.verified,
});

function previewTask(task: ImportTask, fallback: string): PreviewTask {
  const { source } = task;
  return {
    ref: task.ref,
    number: source.number,
    code: source.code,
    chapter: source.chapter,
    kind: source.kind,
    title: source.title,
    line: source.line,
    inheritedProvinces: source.inheritedProvinces,
    leadUnits: task.units.filter((u) => u.responsibility === 'lead').map(previewUnit),
    supportUnits: task.units.filter((u) => u.responsibility === 'support').map(previewUnit),
    deadline: task.deadline,
    deadlineText: task.deadlineText,
    itemDeadline: task.deadline ?? fallback,
    milestones: task.milestones.map(({ date, text }) => ({ date, text })),
  };
}

function summarize(parsed: ParsedPlan, tasks: ImportTask[], workItems: number): PlanImportSummary {
  const units = tasks.flatMap((task) => task.units);
  const distinct = (responsibility: Responsibility) =>
    new Set(units.filter((u) => u.responsibility === responsibility).map((u) => u.unit.name)).size;
  return {
    chapters: parsed.chapters.length,
    tasks: tasks.length,
    leadUnits: distinct('lead'),
    supportUnits: distinct('support'),
    workItems,
    unknownOrganizations: [...new Set(units.filter((u) => !u.unit.verified).map((u) => u.unit.name))],
    indicators: parsed.indicators.length,
    droppedTasks: parsed.tasks.length - tasks.length,
  };
}

/** The corrected tasks as the parser read them, for the audit entry's "before". */
function parsedTasksOf(parsed: ParsedPlan, corrections: TaskCorrection[]) {
  const refs = new Set(corrections.map((c) => c.ref));
  return {
    tasks: parsed.tasks
      .filter((task) => refs.has(task.ref))
      .map((task) => ({
        ref: task.ref,
        title: task.title,
        leadUnits: [...task.leadProvinces, ...task.leadMinistries].map((u) => u.name),
        supportUnits: [...(task.supportProvinces ?? []), ...(task.supportMinistries ?? [])].map(
          (u) => u.name,
        ),
        deadline: task.deadline ?? null,
      })),
  };
}
