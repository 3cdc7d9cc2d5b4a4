import type { PlanReportingCadence } from './parsed-plan';

const ISO_WEEKDAYS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};

/** A reporting sentence: someone reports (报送, 报告, 上报, 反馈…) every period. */
const REPORTING_VERB = /报送|上报|报告|反馈|提交|通报|汇报|报/;
const REPORTED_THING = /进展|进度|情况|落实|工作|总结/;
const CADENCE =
  /(?:每|逐)(周|星期|月|季度|季|半年|年)(?:度)?(?:的)?(?:(?:周|星期)?([一二三四五六日天])(?!次|个|季|年)|(?:第一个月|首月|末月|最后一个月)?(\d{1,2})(?:日|号)|(末|底))?/;
const PERIOD: Readonly<Record<string, PlanReportingCadence['every']>> = {
  周: 'week',
  星期: 'week',
  月: 'month',
  季度: 'quarter',
  季: 'quarter',
  半年: 'halfyear',
  年: 'year',
};

/**
 * The cadence a sentence sets, e.g. `各牵头单位每月5日前报送上月工作进展` → monthly by the 5th,
 * `每季度末报送` → quarterly by the quarter's end, `每季度末月25日前` → quarterly by the 25th of the
 * quarter's last month. Only sentences that report something count: `每年新增就业` sets nothing.
 */
export function findReportingCadence(sentence: string): Omit<PlanReportingCadence, 'line'> | undefined {
  const match = CADENCE.exec(sentence);
  if (!match) return undefined;
  const after = sentence.slice(match.index);
  if (!REPORTING_VERB.test(after) || !REPORTED_THING.test(sentence)) return undefined;
  const every = PERIOD[match[1]];
  const [, , weekday, day, end] = match;
  const text = sentence.trim();
  if (weekday) return every === 'week' ? { every, byDay: ISO_WEEKDAYS[weekday], text } : { every, text };
  if (day && Number(day) >= 1 && Number(day) <= 31) return { every, byDay: Number(day), text };
  if (end) return { every, byDay: 'end', text };
  return { every, text };
}
