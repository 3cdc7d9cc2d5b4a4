import type {
  LeadUnit,
  ParsedPlan,
  PlanMilestone,
  PlanReportingCadence,
  PlanTask,
} from '@xietong/plan-parser';
import type { ReportingCadence } from '@xietong/rules';
import type { Responsibility } from './task-lead-unit.entity';

/** What a coordinator changed in the preview before confirming, for one task (by its `ref`). */
export interface TaskCorrection {
  ref: string;
  /** Leave the task out of the plan. */
  drop?: boolean;
  /** `YYYY-MM-DD`, or null for "no date in the document" (the items take the plan's end). */
  deadline?: string | null;
  /** Replace a unit the parser found (by its name in the preview) with a dictionary organization. */
  replaceUnits?: { from: string; to: string }[];
  /** Remove units the parser found, by their name in the preview. */
  removeUnits?: string[];
}

/** An organization from the dictionary, as a correction names it. */
export interface DictionaryOrganization {
  id: string;
  code: string;
  name: string;
  kind: string;
  verified: boolean;
}

export interface ImportUnit {
  unit: LeadUnit;
  /** Province side (provinces, cities, liaison offices) or central side (ministries, enterprises). */
  side: 'province' | 'ministry';
  responsibility: Responsibility;
}

/** A task as it will be written: the parse with the coordinator's corrections applied. */
export interface ImportTask {
  source: PlanTask;
  ref: string;
  deadline: string | null;
  deadlineText: string | null;
  /** True when a coordinator set the deadline in the preview. */
  deadlineCorrected: boolean;
  milestones: PlanMilestone[];
  units: ImportUnit[];
}

/** Per-import ceilings: one 4.9 MB paste once made 108,080 work items (issue 13, finding 15). */
export interface ImportLimits {
  maxTasks: number;
  maxWorkItems: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxTasks: 3000, maxWorkItems: 20000 };

/** The preview or the corrections cannot be applied; `message` says what to fix. */
export class PlanCorrectionError extends Error {}

/** The document would make more tasks or work items than one import may. */
export class PlanImportLimitError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const sideOfKind = (kind: string): ImportUnit['side'] =>
  kind === 'central' || kind === 'enterprise' ? 'ministry' : 'province';

function unitsOf(task: PlanTask): ImportUnit[] {
  const tag = (units: LeadUnit[], side: ImportUnit['side'], responsibility: Responsibility) =>
    units.map((unit) => ({ unit, side, responsibility }));
  const units = [
    ...tag(task.leadProvinces, 'province', 'lead'),
    ...tag(task.leadMinistries, 'ministry', 'lead'),
    ...tag(task.supportProvinces ?? [], 'province', 'support'),
    ...tag(task.supportMinistries ?? [], 'ministry', 'support'),
  ];
  // A unit named both as lead and as support (a sloppy list) gets one item, as lead.
  const seen = new Set<string>();
  return units.filter(({ unit }) => !seen.has(unit.name) && seen.add(unit.name));
}

/**
 * Applies corrections to the parse. Every correction must name a task of the document and units
 * it has, so a stale preview (the document changed since) is refused rather than half applied.
 */
export function applyCorrections(
  parsed: ParsedPlan,
  corrections: readonly TaskCorrection[],
  organizations: ReadonlyMap<string, DictionaryOrganization>,
): ImportTask[] {
  const byRef = new Map<string, TaskCorrection>();
  for (const correction of corrections) {
    if (byRef.has(correction.ref)) {
      throw new PlanCorrectionError(`修改里任务 ${correction.ref} 出现了两次；每项任务只能有一条修改。`);
    }
    byRef.set(correction.ref, correction);
  }
  const refs = new Set(parsed.tasks.map((task) => task.ref));
  const unknown = [...byRef.keys()].filter((ref) => !refs.has(ref));
  if (unknown.length) {
    throw new PlanCorrectionError(
      `文件里没有任务 ${unknown.join('、')}：预览之后文件可能改过，请重新预览再确认。 ` +
        `(No task ${unknown.join(', ')} in this document; preview it again.)`,
    );
  }
  const tasks: ImportTask[] = [];
  for (const source of parsed.tasks) {
    const correction = byRef.get(source.ref);
    if (correction?.drop) continue;
    const task: ImportTask = {
      source,
      ref: source.ref,
      deadline: source.deadline ?? null,
      deadlineText: source.deadlineText ?? null,
      deadlineCorrected: false,
      milestones: source.milestones ?? [],
      units: unitsOf(source),
    };
    if (correction) correct(task, correction, organizations);
    tasks.push(task);
  }
  return tasks;
}

function correct(
  task: ImportTask,
  correction: TaskCorrection,
  organizations: ReadonlyMap<string, DictionaryOrganization>,
): void {
  if (correction.deadline !== undefined) {
    if (correction.deadline !== null && !isCalendarDate(correction.deadline)) {
      throw new PlanCorrectionError(
        `任务 ${task.ref} 的完成时限“${correction.deadline}”不是日期，请写成 2025-12-31 的形式。 (deadline must be YYYY-MM-DD)`,
      );
    }
    task.deadline = correction.deadline;
    task.deadlineText = correction.deadline === null ? null : task.deadlineText;
    task.deadlineCorrected = true;
    // Milestones after a deadline moved earlier would be due after their task.
    if (correction.deadline) task.milestones = task.milestones.filter((m) => m.date <= correction.deadline!);
  }
  const find = (name: string): ImportUnit => {
    const found = task.units.find(({ unit }) => unit.name === name);
    if (!found) {
      throw new PlanCorrectionError(
        `任务 ${task.ref} 没有单位“${name}”，请重新预览再修改。 (Task ${task.ref} has no unit ${name}.)`,
      );
    }
    return found;
  };
  for (const name of correction.removeUnits ?? []) task.units.splice(task.units.indexOf(find(name)), 1);
  for (const { from, to } of correction.replaceUnits ?? []) {
    const current = find(from);
    const organization = organizations.get(to);
    if (!organization) {
      throw new PlanCorrectionError(
        `任务 ${task.ref}：单位 ${to} 不在单位名录里，请从名录中选择。 (Organization ${to} is not in the dictionary.)`,
      );
    }
    if (task.units.some((other) => other !== current && other.unit.name === organization.name)) {
      throw new PlanCorrectionError(
        `任务 ${task.ref} 已有单位“${organization.name}”，不能再把“${from}”改成它。 (${organization.name} is already on the task.)`,
      );
    }
    current.unit = {
      name: organization.name,
      written: organization.name,
      code: organization.code,
      verified: organization.verified,
    };
    current.side = sideOfKind(organization.kind);
  }
}

/**
 * The date an item takes when its task names none (or says 持续推进): the end of the plan period;
 * for a document without one (a yearly 分工表), the latest date the document names, since that is
 * the horizon its issuer had in mind; failing both, the end of next year.
 */
export function fallbackDeadline(parsed: ParsedPlan, tasks: readonly ImportTask[], today: Date): string {
  if (parsed.period) return `${parsed.period.end}-12-31`;
  const dates = tasks.map((task) => task.deadline).filter((date): date is string => date !== null);
  if (dates.length) return dates.reduce((latest, date) => (date > latest ? date : latest));
  return `${today.getUTCFullYear() + 1}-12-31`;
}

/**
 * When new items start: the plan period's first day; for a document without one, 1 January of
 * the year of the earliest date it names (a 2024 table imported in 2026 started in 2024), or of
 * this year. An item due before that starts on its deadline (the schema wants start ≤ deadline).
 */
export function planStartDate(parsed: ParsedPlan, tasks: readonly ImportTask[], today: Date): string {
  if (parsed.period) return `${parsed.period.start}-01-01`;
  const years = tasks
    .flatMap((task) => [task.deadline, ...task.milestones.map((milestone) => milestone.date)])
    .filter((date): date is string => date !== null)
    .map((date) => Number(date.slice(0, 4)));
  return `${Math.min(today.getUTCFullYear(), ...years)}-01-01`;
}

export function countWorkItems(tasks: readonly ImportTask[]): number {
  return tasks.reduce((sum, task) => sum + task.units.length * (1 + task.milestones.length), 0);
}

export function assertWithinLimits(tasks: readonly ImportTask[], limits: ImportLimits): void {
  if (tasks.length > limits.maxTasks) {
    throw new PlanImportLimitError(
      `这份文件有 ${tasks.length} 项任务，一次最多导入 ${limits.maxTasks} 项；请按章节拆成几份分别导入。 ` +
        `(${tasks.length} tasks; at most ${limits.maxTasks} per import: split the document by chapter.)`,
    );
  }
  const items = countWorkItems(tasks);
  if (items > limits.maxWorkItems) {
    throw new PlanImportLimitError(
      `这份文件会生成 ${items} 个工作事项（任务 × 单位，含节点），一次最多 ${limits.maxWorkItems} 个；` +
        `请检查单位名单是否读错，或按章节拆分导入。 ` +
        `(${items} work items; at most ${limits.maxWorkItems} per import.)`,
    );
  }
}

const DEFAULT_CADENCE_TIME = '18:00';

/**
 * The document's reporting sentence as the plan's cadence. Weekly and monthly map directly
 * (`每月5日前` → monthly on the 5th; `月底` → the 31st, which short months read as their last
 * day); quarterly, half-yearly and yearly report in the last month of the period. A manager's
 * time of day and grace days are kept when the document's cadence replaces theirs.
 */
export function planCadenceOf(
  cadence: PlanReportingCadence | null,
  current: ReportingCadence | null,
): ReportingCadence | null {
  if (!cadence) return current;
  const timing = {
    time: current?.time ?? DEFAULT_CADENCE_TIME,
    graceDays: current?.graceDays ?? 2,
  };
  if (cadence.every === 'week') {
    return { kind: 'weekly', weekday: typeof cadence.byDay === 'number' ? cadence.byDay : 5, ...timing };
  }
  const day = typeof cadence.byDay === 'number' ? cadence.byDay : 31;
  if (cadence.every === 'month') return { kind: 'monthly', day, ...timing };
  const months = ({ quarter: 3, halfyear: 6, year: 12 } as const)[cadence.every];
  return { kind: 'periodic', months, day, ...timing };
}
