import 'reflect-metadata';
import { ConfigError, loadConfig } from '@xietong/config';
import { ServiceUnavailableError } from '@xietong/db';
import { PlanReadError } from '@xietong/plan-parser';
import { planImport, planParse, UsageError } from './commands/plan.commands';
import { start } from './commands/start.command';
import { openMigratedDatabase } from './commands/prepare-database';
import { seedAll } from './commands/seed.command';

const USAGE = `Usage: npm run cli -- <command>

  start                                   migrate, seed, run api + worker (what npm start does)
  migrate                                 create the database if missing and apply migrations
  seed                                    migrate, then seed organizations and demo users
  plan:parse FILE [--json]                parse a plan file without touching the database
  plan:import FILE [--title T] [--dry-run] import a plan into the database`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const log = (line: string) => console.error(`[xietong] ${line}`);
  switch (command) {
    case 'start':
      return start(loadConfig());
    case 'migrate': {
      const dataSource = await openMigratedDatabase(loadConfig(), log);
      await dataSource.destroy();
      return;
    }
    case 'seed': {
      const config = loadConfig();
      const dataSource = await openMigratedDatabase(config, log);
      try {
        await seedAll(dataSource, config, log);
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    case 'plan:parse':
      return planParse(args);
    case 'plan:import':
      return planImport(args, loadConfig());
    default:
      console.error(command ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
      process.exitCode = 2;
  }
}

/** Errors a person can fix from the message alone: no stack trace for these. */
function isExplained(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof ServiceUnavailableError ||
    error instanceof PlanReadError ||
    error instanceof UsageError ||
    (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isExplained(error)) {
    console.error(`xietong: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
