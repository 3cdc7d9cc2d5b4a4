import { buildJointReport } from '../testing/joint-report.factory';
import { renderHtml } from './render-html';
import { DOCUMENT_TABLE_ROWS } from './report-tables';

describe('renderHtml', () => {
  const report = buildJointReport();

  it('is one self-contained document: inline styles, no stylesheets, scripts or remote resources', () => {
    const html = renderHtml(report);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<style|<link|<script|src=|class=/i);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  });

  it('shows every section in Chinese with the province names and a red overdue cell', () => {
    const html = renderHtml(report);
    for (const text of [
      '总体情况',
      '各省区平均进度',
      '通报排名',
      '任务进展矩阵',
      '逾期事项',
      '近期到期事项',
      '较上期变化',
      '进展更新',
      '主要指标',
    ]) {
      expect(html).toContain(text);
    }
    for (const name of ['广西壮族自治区', '广东省', '海南省', '国家发展改革委']) expect(html).toContain(name);
    expect(html).toMatch(/background-color:#FF4D4F;color:#FFFFFF;">25<\/td>/);
    expect(html).toContain('上期报告: 2026-10-25 09:00');
  });

  it('escapes user text', () => {
    const attack = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const html = renderHtml({
      ...report,
      updatesSince: [{ ...report.updatesSince[0], text: attack }],
      plan: { ...report.plan, title: '<b>规划</b>' },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>规划');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
  });

  it('says there is nothing to compare with on the first run, and shows empty lists as such', () => {
    const html = renderHtml({ ...report, previousRunAt: null, overdue: [] });
    expect(html).toContain('首期报告，暂无上期对比');
    expect(html).not.toContain('本期完成');
    expect(html).toMatch(/逾期事项<\/h2><p[^>]*>无<\/p>/);
  });

  it('lists the first rows of a long list and says the XLSX has them all', () => {
    const overdue = Array.from({ length: DOCUMENT_TABLE_ROWS + 1 }, (_, index) => ({
      ...report.overdue[0],
      workItemId: `wi-${index}`,
    }));
    const html = renderHtml({ ...report, overdue });
    const overdueSection = html.slice(html.indexOf('逾期事项</h2>'), html.indexOf('近期到期事项</h2>'));
    expect(overdueSection.match(/<tr>/g)).toHaveLength(DOCUMENT_TABLE_ROWS + 1);
    expect(overdueSection).toContain(
      `仅列出前 ${DOCUMENT_TABLE_ROWS} 条（共 ${DOCUMENT_TABLE_ROWS + 1} 条，另有 1 条未列出），完整清单见 XLSX 格式报告。`,
    );
  });

  it('says how many lead units a matrix too wide for a mail leaves out, and points to the XLSX', () => {
    // The Beibu Gulf plan's shape: 41 lead units on one task.
    const organizations = Array.from({ length: 41 }, (_, index) => ({
      id: `org-${index}`,
      name: `单位${index + 1}`,
      kind: 'province' as const,
    }));
    const [task] = report.matrix.tasks;
    const cells = organizations.map((organization, index) => ({
      taskId: task.id,
      organizationId: organization.id,
      workItemId: `wi-${index}`,
      status: 'in_progress' as const,
      progress: 50,
      light: index % 2 ? ('red' as const) : ('green' as const),
      deadline: '2026-12-31',
    }));
    const html = renderHtml({ ...report, matrix: { tasks: [task], organizations, cells } });
    const matrixSection = html.slice(html.indexOf('任务进展矩阵</h2>'), html.indexOf('逾期事项</h2>'));
    expect(matrixSection.match(/<th /g)).toHaveLength(2 + 20);
    expect(matrixSection).toContain(
      '20 个单位（共 41 个，另有 21 个单位未列出），完整矩阵见 XLSX 格式报告的“矩阵”工作表。',
    );
  });

  it('tallies on-time, extended and overdue items and shows the standing of items due soon', () => {
    const html = renderHtml(report);
    const section = html.slice(html.indexOf('截止日期执行情况</h2>'), html.indexOf('通报排名</h2>'));
    for (const text of ['按期', '已延期', '逾期', '全部事项', '广西壮族自治区'])
      expect(section).toContain(text);
    const { onTime, extended, overdue } = report.deadlineStanding.headline;
    expect(section).toContain(`>${onTime}</td>`);
    expect(extended).toBe(1);
    expect(overdue).toBeGreaterThan(0);
    const dueSoon = html.slice(html.indexOf('近期到期事项</h2>'), html.indexOf('较上期变化</h2>'));
    expect(dueSoon).toContain('截止情况');
  });

  it('uses English labels with locale en', () => {
    const html = renderHtml({ ...report, locale: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Joint progress report');
    expect(html).toContain('Overdue items');
    expect(html).toContain('At risk');
    expect(html).not.toContain('逾期事项');
  });
});
