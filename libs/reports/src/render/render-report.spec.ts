import { buildJointReport } from '../testing/joint-report.factory';
import { renderReport, reportFileName } from './render-report';

describe('renderReport', () => {
  it.each([
    ['html', 'text/html; charset=utf-8', '<!DOCTYPE html>'],
    ['csv', 'text/csv; charset=utf-8', '\uFEFF任务编号'],
    ['pdf', 'application/pdf', '%PDF-'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
  ] as const)('renders %s with its content type and file name', async (format, contentType, start) => {
    const rendered = await renderReport(buildJointReport(), format);
    expect(rendered.contentType).toBe(contentType);
    expect(rendered.fileName).toBe(`北部湾城市群发展规划-联合进展报告-2026-11-25.${format}`);
    expect(rendered.buffer.toString(format === 'pdf' || format === 'xlsx' ? 'latin1' : 'utf8')).toMatch(
      new RegExp(`^${start}`),
    );
  });

  it('rejects an unknown format', async () => {
    await expect(renderReport(buildJointReport(), 'docx' as 'pdf')).rejects.toThrow(
      /Unknown report format "docx"/,
    );
  });
});

describe('reportFileName', () => {
  const named = (title: string) => {
    const report = buildJointReport();
    return reportFileName({ ...report, plan: { ...report.plan, title } }, 'xlsx');
  };

  it('turns characters file systems and headers reject into single dashes', () => {
    expect(named('北部湾/城市群: "实施"  方案?\n')).toBe(
      '北部湾-城市群-实施-方案-联合进展报告-2026-11-25.xlsx',
    );
    expect(named('../../etc/passwd')).toBe('etc-passwd-联合进展报告-2026-11-25.xlsx');
    expect(named('***')).toBe('plan-联合进展报告-2026-11-25.xlsx');
  });

  it('keeps long titles to 60 characters and uses an English suffix with locale en', () => {
    expect(named('长'.repeat(100))).toBe(`${'长'.repeat(60)}-联合进展报告-2026-11-25.xlsx`);
    const report = buildJointReport({ locale: 'en' });
    expect(reportFileName(report, 'pdf')).toBe('北部湾城市群发展规划-joint-progress-report-2026-11-25.pdf');
  });
});
