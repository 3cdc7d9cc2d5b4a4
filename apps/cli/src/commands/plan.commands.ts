import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { AppConfig } from '@xietong/config';
import { DeadlineChange, PlanImporter } from '@xietong/domain';
import { ParsedPlan, parsePlanFile, readPlanFile, toPlanParseJson } from '@xietong/plan-parser';
import { ORGANIZATION_DICTIONARY } from '../../../../seeds/organizations';
import { openMigratedDatabase } from './prepare-database';

function requireFile(file: string | undefined): string {
  if (!file)
    throw new UsageError(
      'Name the plan file, e.g. seeds/plans/beibu-gulf-city-cluster-implementation-plan-2022.txt',
    );
  return file;
}

export class UsageError extends Error {}

function describe(parsed: ParsedPlan): string {
  const lines = [
    `${parsed.title}${parsed.period ? ` (${parsed.period.start}–${parsed.period.end})` : ''}`,
    `${parsed.chapters.length} chapters, ${parsed.tasks.length} numbered items, ${parsed.indicators.length} indicators`,
    ...parsed.tasks.map((task) => {
      const leads = [...task.leadProvinces, ...task.leadMinistries].map((unit) => unit.name).join('、');
      const support = [...task.supportProvinces, ...task.supportMinistries]
        .map((unit) => unit.name)
        .join('、');
      return (
        `  ${task.ref.padEnd(6, '　')} [${task.kind}] ${task.title}${leads ? `  ← ${leads}` : ''}` +
        (support ? `；配合 ${support}` : '') +
        (task.deadlineText ? `；${task.deadlineText}${task.deadline ? ` (${task.deadline})` : ''}` : '')
      );
    }),
    ...parsed.diagnostics.map((d) => `  line ${d.line} ${d.severity}: ${d.message}`),
  ];
  return lines.join('\n');
}

function movedDeadlines(changes: DeadlineChange[]): string {
  if (!changes.length) return '';
  const moved = changes.filter((change) => change.moves).length;
  return `; ${moved} deadlines moved with the document, ${changes.length - moved} kept (changed by people)`;
}

/** `plan:parse FILE [--json]`: no database, the seeded dictionary from the repository. */
export async function planParse(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, title: { type: 'string' } },
  });
  const file = requireFile(positionals[0]);
  // Read by content (.txt in any supported encoding, .docx, .pdf), the way the API reads uploads.
  const { parsed } = await parsePlanFile(await readFile(file), ORGANIZATION_DICTIONARY, {
    title: values.title,
    fileName: basename(file),
  });
  console.log(values.json ? JSON.stringify(toPlanParseJson(parsed), null, 2) : describe(parsed));
}

/** `plan:import FILE [--title T] [--dry-run]`: the same importer as the API. */
export async function planImport(args: string[], config: AppConfig): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { title: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const file = requireFile(positionals[0]);
  const { text } = await readPlanFile(await readFile(file), basename(file));
  const dataSource = await openMigratedDatabase(config, (line) => console.error(`[xietong] ${line}`));
  try {
    const result = await new PlanImporter(dataSource, {
      maxTasks: config.importMaxTasks,
      maxWorkItems: config.importMaxWorkItems,
    }).import({
      text,
      title: values.title,
      dryRun: values['dry-run'],
      actorId: null,
    });
    const { parsed, ...outcome } = result;
    if (values.json) {
      console.log(JSON.stringify({ ...outcome, diagnostics: parsed.diagnostics }, null, 2));
      return;
    }
    console.log(describe(parsed));
    console.log(
      outcome.dryRun
        ? 'dry run: nothing saved'
        : `${outcome.created ? 'imported' : 'updated'} plan ${outcome.planId}: ${outcome.workItemsCreated} new work items` +
            movedDeadlines(outcome.deadlineChanges) +
            (outcome.summary.unknownOrganizations.length
              ? `; unverified organizations: ${outcome.summary.unknownOrganizations.join('、')}`
              : ''),
    );
  } finally {
    await dataSource.destroy();
  }
}
