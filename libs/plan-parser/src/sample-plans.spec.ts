import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORGANIZATION_DICTIONARY } from '../../../seeds/organizations';
import { assessStructure, decodePlanText, parsePlan, toContractJson } from './index';

const PLANS_DIR = join(__dirname, '../../../seeds/plans');
const read = (name: string) => decodePlanText(readFileSync(join(PLANS_DIR, name))).text;

describe('the other sample documents', () => {
  it.each(readdirSync(PLANS_DIR).filter((name) => name.endsWith('.txt')))(
    '%s decodes as UTF-8 and parses without an internal error',
    (name) => {
      const parsed = parsePlan(read(name), ORGANIZATION_DICTIONARY);
      expect(parsed.diagnostics.map((d) => d.message)).not.toContainEqual(
        expect.stringContaining('内部错误'),
      );
      expect(() => JSON.stringify(toContractJson(parsed))).not.toThrow();
    },
  );

  it.each([
    'guangdong-guangxi-cooperation-meeting.txt',
    'guangdong-regional-coordination-conference.txt',
    'pan-prd-chief-executives-conference-2023.txt',
  ])('%s (a news report) is answered with "no numbered tasks" rather than invented tasks', (name) => {
    const parsed = parsePlan(read(name), ORGANIZATION_DICTIONARY);
    expect(parsed.tasks).toEqual([]);
    expect(assessStructure(parsed).ok).toBe(false);
    expect(parsed.diagnostics).toContainEqual({
      line: 1,
      severity: 'error',
      message: expect.stringContaining('未找到编号任务'),
    });
  });

  it('explains that the briefing enumerates with 一是…二是… instead of numbering tasks', () => {
    const parsed = parsePlan(
      read('regional-coordination-briefing-guangxi-2023.txt'),
      ORGANIZATION_DICTIONARY,
    );
    expect(parsed.chapters.map((chapter) => chapter.title)).toEqual(['热点链接', '深度解析']);
    expect(parsed.tasks).toEqual([]);
    expect(parsed.diagnostics).toContainEqual({
      line: 1,
      severity: 'error',
      message: expect.stringMatching(/文中有\d+段“一是…二是…”式列举/),
    });
  });

  it('does not glue headlines of a news page together', () => {
    const parsed = parsePlan(read('pan-prd-chief-executives-conference-2023.txt'), ORGANIZATION_DICTIONARY);
    expect(parsed.title).toBe('2023年泛珠三角区域合作行政首长联席会议在贵阳举行 毛伟明率团参加');
    expect(parsed.normalizedText.split('\n')).toContain('群力之举无不胜 群策之为无不成');
  });
});
