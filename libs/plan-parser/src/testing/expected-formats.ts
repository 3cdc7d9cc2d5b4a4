import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanParseJson } from '../contract-json';

/**
 * The task-division examples coordinators receive (../shared/plans/formats, copied into the
 * fixtures) and what expected.json says each must give. A unit matches by its canonical name or
 * its written form.
 */
export const FORMATS_DIRECTORY = join(__dirname, '../../fixtures/formats');

export interface ExpectedTask {
  title: string;
  lead: string[];
  support: string[];
  deadline: string | null;
  milestones?: string[];
}

export interface ExpectedPlan {
  reportingCadence?: { every: string; byDay?: number | string };
  tasks: ExpectedTask[];
}

const expected = JSON.parse(readFileSync(join(FORMATS_DIRECTORY, 'expected.json'), 'utf8')) as Record<
  string,
  ExpectedPlan
>;

/** `[file, expectation]` for every file expected.json names (`a.txt | a.docx` shares one). */
export const EXPECTED_FORMATS: readonly (readonly [string, ExpectedPlan])[] = Object.entries(
  expected,
).flatMap(([files, plan]) => files.split('|').map((file) => [file.trim(), plan] as const));

type Unit = { name: string; written: string };

function sameUnits(actual: readonly Unit[], wanted: readonly string[]): boolean {
  return (
    actual.length === wanted.length &&
    wanted.every((name) => actual.some((unit) => unit.name === name || unit.written === name))
  );
}

/**
 * The parse in expected.json's terms: where the units match, the expected names (so equal
 * results compare equal), otherwise the units found (so a failure shows them).
 */
export function inExpectedTerms(json: PlanParseJson, plan: ExpectedPlan): unknown[] {
  return json.tasks.map((task, index) => {
    const wanted = plan.tasks[index];
    const leads = [...task.leadProvinces, ...task.leadMinistries];
    return {
      title: task.title,
      lead: wanted && sameUnits(leads, wanted.lead) ? wanted.lead : leads,
      support: wanted && sameUnits(task.supportUnits, wanted.support) ? wanted.support : task.supportUnits,
      deadline: task.deadline,
      ...(wanted?.milestones ? { milestones: task.milestones.map((milestone) => milestone.date) } : {}),
    };
  });
}

export function expectedTerms(plan: ExpectedPlan): unknown[] {
  return plan.tasks.map(({ title, lead, support, deadline, milestones }) => ({
    title,
    lead,
    support,
    deadline,
    ...(milestones ? { milestones } : {}),
  }));
}
