import type { Diagnostic, LeadUnit, ParsedPlan, PlanReportingCadence, TaskKind } from './parsed-plan';

interface UnitJson {
  name: string;
  written: string;
}

/** The task fields of the first `plan:parse --json` contract, before supporting units and deadlines. */
interface TaskJsonV1 {
  number: number;
  code: string;
  chapter: number;
  kind: TaskKind;
  title: string;
  leadProvinces: UnitJson[];
  leadMinistries: UnitJson[];
}

/** The first contract's shape, kept for the callers that pin it (see `toPlanParseJson` for the current one). */
export interface PlanParseJsonV1 {
  plan: { title: string; chapters: { number: number; title: string }[] };
  tasks: TaskJsonV1[];
  diagnostics: Diagnostic[];
}

/** The `plan:parse --json` output described in CONTRACT.md. */
export interface PlanParseJson {
  plan: PlanParseJsonV1['plan'];
  tasks: (TaskJsonV1 & {
    ref: string;
    line: number;
    supportUnits: UnitJson[];
    deadline: string | null;
    deadlineText: string | null;
    milestones: { date: string; text: string }[];
  })[];
  reportingCadence: Omit<PlanReportingCadence, 'line'> | null;
  diagnostics: Diagnostic[];
}

const unit = ({ name, written }: LeadUnit): UnitJson => ({ name, written });

export function toPlanParseJson(parsed: ParsedPlan): PlanParseJson {
  const v1 = toContractJson(parsed);
  const cadence = parsed.reportingCadence;
  return {
    plan: v1.plan,
    tasks: parsed.tasks.map((task, position) => ({
      ...v1.tasks[position],
      ref: task.ref,
      line: task.line,
      supportUnits: [...task.supportProvinces, ...task.supportMinistries].map(unit),
      deadline: task.deadline,
      deadlineText: task.deadlineText,
      milestones: task.milestones.map(({ date, text }) => ({ date, text })),
    })),
    reportingCadence: cadence
      ? {
          every: cadence.every,
          ...(cadence.byDay === undefined ? {} : { byDay: cadence.byDay }),
          text: cadence.text,
        }
      : null,
    diagnostics: v1.diagnostics,
  };
}

export function toContractJson(parsed: ParsedPlan): PlanParseJsonV1 {
  return {
    plan: {
      title: parsed.title,
      chapters: parsed.chapters.map(({ number, title }) => ({ number, title })),
    },
    tasks: parsed.tasks.map((task) => ({
      number: task.number,
      code: task.code,
      chapter: task.chapter,
      kind: task.kind,
      title: task.title,
      leadProvinces: task.leadProvinces.map(unit),
      leadMinistries: task.leadMinistries.map(unit),
    })),
    diagnostics: parsed.diagnostics.map(({ line, severity, message }) => ({ line, severity, message })),
  };
}
