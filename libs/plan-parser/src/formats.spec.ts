import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORGANIZATION_DICTIONARY } from '../../../seeds/organizations';
import { parsePlanFile, toPlanParseJson } from './index';
import {
  EXPECTED_FORMATS,
  expectedTerms,
  FORMATS_DIRECTORY,
  inExpectedTerms,
} from './testing/expected-formats';

describe('the task-division formats in expected.json, read and parsed as the CLI and the API do', () => {
  jest.setTimeout(60_000);

  it('covers all five example files', () => {
    expect(EXPECTED_FORMATS.map(([file]) => file).sort()).toEqual([
      'haixi-task-table.docx',
      'haixi-task-table.pdf',
      'haixi-task-table.txt',
      'hubaoeyu-task-division-block.txt',
      'lanxi-measures-inline.txt',
    ]);
  });

  it.each(EXPECTED_FORMATS)('%s', async (file, expected) => {
    const bytes = readFileSync(join(FORMATS_DIRECTORY, file));
    const json = toPlanParseJson(
      (await parsePlanFile(bytes, ORGANIZATION_DICTIONARY, { fileName: file })).parsed,
    );
    expect(inExpectedTerms(json, expected)).toEqual(expectedTerms(expected));
    if (expected.reportingCadence) expect(json.reportingCadence).toMatchObject(expected.reportingCadence);
    else expect(json.reportingCadence).toBeNull();
    expect(json.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });
});
