import { reportHighlights } from './report-highlights';
import { buildJointReport } from './testing/joint-report.factory';

describe(reportHighlights.name, () => {
  const sut = reportHighlights;

  it('lists the headline figures alone for a first report', () => {
    const report = buildJointReport({ previousRunAt: null });
    expect(sut(report, null)).toEqual([
      '事项总数：10',
      '已完成：1',
      '逾期：2',
      `平均进度：${Math.round(report.headline.averageProgress)}%`,
    ]);
  });

  it('sets each figure beside the previous run’s and counts what finished or fell overdue since', () => {
    const report = buildJointReport();
    const previous = { ...report.headline, done: 0, overdue: 1, averageProgress: 40 };
    expect(sut(report, previous)).toEqual([
      '事项总数：10（上期 10）',
      '已完成：1（上期 0）',
      '逾期：2（上期 1）',
      `平均进度：${Math.round(report.headline.averageProgress)}%（上期 40%）`,
      `本期完成：${report.changes.finished.length}`,
      `新增逾期：${report.changes.newlyOverdue.length}`,
    ]);
  });

  it('speaks English for English reports', () => {
    const report = buildJointReport({ locale: 'en' });
    expect(sut(report, report.headline)[2]).toBe('Overdue: 2 (previous report 2)');
  });
});
