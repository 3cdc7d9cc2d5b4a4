import type { Diagnostic, ParsedPlan, TaskKind } from './parsed-plan';

/** The `plan:parse --json` output described in CONTRACT.md. */
export interface PlanParseJson {
  plan: { title: string; chapters: { number: number; title: string }[] };
  tasks: {
    number: number;
    code: string;
    chapter: number;
    kind: TaskKind;
    title: string;
    leadProvinces: { name: string; written: string }[];
    leadMinistries: { name: string; written: string }[];
  }[];
  diagnostics: Diagnostic[];
}

export function toContractJson(parsed: ParsedPlan): PlanParseJson {
  const unit = ({ name, written }: { name: string; written: string }) => ({ name, written });
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
