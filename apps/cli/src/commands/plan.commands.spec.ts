import { join } from 'node:path';
import {
  EXPECTED_FORMATS,
  expectedTerms,
  FORMATS_DIRECTORY,
  inExpectedTerms,
} from '../../../../libs/plan-parser/src/testing/expected-formats';
import { planParse } from './plan.commands';

const plansDir = join(__dirname, '../../../../seeds/plans');

describe(planParse.name, () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  });
  afterEach(() => jest.restoreAllMocks());

  it('prints the CONTRACT.md JSON and nothing else on stdout', async () => {
    await planParse([join(plansDir, 'beibu-gulf-city-cluster-implementation-plan-2022.txt'), '--json']);
    expect(output).toHaveLength(1);
    const json = JSON.parse(output[0]);
    expect(json.plan.title).toBe('北部湾城市群建设“十四五”实施方案');
    expect(json.plan.chapters[0]).toEqual({ number: 1, title: expect.any(String) });
    const task5 = json.tasks.find((task: { number: number }) => task.number === 5);
    expect(task5).toMatchObject({ code: '(五)', chapter: 3, kind: 'task', title: '强化空间分区管控' });
    expect(task5.leadProvinces).toContainEqual({ name: '广西壮族自治区', written: '广西壮族自治区' });
    expect(json.diagnostics[0]).toEqual({
      line: expect.any(Number),
      severity: expect.any(String),
      message: expect.any(String),
    });
  });

  it.each(EXPECTED_FORMATS)(
    'prints what expected.json says for %s',
    async (file, expected) => {
      await planParse([join(FORMATS_DIRECTORY, file), '--json']);
      const json = JSON.parse(output[0]);
      expect(inExpectedTerms(json, expected)).toEqual(expectedTerms(expected));
      expect(json.reportingCadence).toEqual(
        expected.reportingCadence ? expect.objectContaining(expected.reportingCadence) : null,
      );
      expect(json.tasks.every((task: { ref: string }) => typeof task.ref === 'string')).toBe(true);
    },
    60_000,
  );

  it('refuses a scanned PDF with the no-text-layer message', async () => {
    await expect(
      planParse([join(__dirname, '../../../../libs/plan-parser/fixtures/scanned-plan.pdf'), '--json']),
    ).rejects.toMatchObject({ code: 'no_text_layer', message: expect.stringMatching(/^PDF 中没有文字层/) });
  }, 60_000);

  it('says which file is missing instead of parsing nothing', async () => {
    await expect(planParse([])).rejects.toThrow(/Name the plan file/);
    await expect(planParse([join(plansDir, 'no-such-plan.txt')])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
