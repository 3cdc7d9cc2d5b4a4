import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel } from './audit-actions';

const ROOT = join(__dirname, '../../../..');
// Where audit entries are written: the api, the worker, the CLI and the libraries (not the web app).
const SOURCES = ['apps/api/src', 'apps/worker/src', 'apps/cli/src', 'libs', 'seeds'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const PREFIXES = [...new Set(AUDIT_ACTIONS.map((action) => action.split('.')[0]))];
const QUOTED_ACTION = /['"`]([a-z_]+\.[a-z_]+)['"`]/g;
// `plan.docx` in the parser's help text is a file name, not an action.
const FILE_NAME = /\.(docx?|pdf|txt|xlsx|csv|html|png|json)$/;

/** Action names the code writes: literals with an action's prefix, or on a line about actions or audit. */
function actionsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const [, name] of line.matchAll(QUOTED_ACTION)) {
          if (FILE_NAME.test(name)) continue;
          if (PREFIXES.includes(name.split('.')[0]) || /action|audit/i.test(line)) {
            found.set(name, `${relative(ROOT, file)}:${index + 1}`);
          }
        }
      });
  }
  return found;
}

describe('audit action labels', () => {
  it('name every action the code writes, in Chinese', () => {
    const found = actionsInSource();
    expect(found.size).toBeGreaterThanOrEqual(20);
    const unlabelled = [...found].filter(([name]) => !(name in AUDIT_ACTION_LABELS));
    // e.g. "work_item.reopened at apps/api/src/…:42": add it to AUDIT_ACTION_LABELS with its zh-CN name.
    expect(unlabelled.map(([name, where]) => `${name} at ${where}`)).toEqual([]);
    for (const [zh] of Object.values(AUDIT_ACTION_LABELS)) expect(zh).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('finds no action name built at run time, which it could not check', () => {
    const built = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).filter((file) =>
      /action:\s*`/.test(readFileSync(file, 'utf8')),
    );
    expect(built.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('reads an action in the reader’s language, and an unknown one as stored', () => {
    expect(auditActionLabel('work_item.extension_requested')).toBe('申请延期');
    expect(auditActionLabel('work_item.extension_requested', 'en')).toBe('Extension requested');
    expect(auditActionLabel('work_item.teleported')).toBe('work_item.teleported');
  });
});
