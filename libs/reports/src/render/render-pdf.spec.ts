import pdfParse from 'pdf-parse';
import { buildJointReport } from '../testing/joint-report.factory';
import { renderPdf } from './render-pdf';
import { DOCUMENT_TABLE_ROWS } from './report-tables';

describe('renderPdf', () => {
  it('embeds a CJK font so Chinese names can be extracted as text', async () => {
    const buffer = await renderPdf(buildJointReport());
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(buffer.toString('latin1')).toMatch(/\/FontFile3/);

    const { text, numpages } = await pdfParse(buffer);
    expect(numpages).toBeGreaterThanOrEqual(1);
    for (const name of [
      '北部湾城市群发展规划 联合进展报告',
      '广西壮族自治区',
      '广东省',
      '海南省',
      '国家发展改革委',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('逾期事项');
    expect(text).toContain('钦州港至重庆铁海联运班列');
    for (const label of ['截止日期执行情况', '按期', '已延期', '截止情况']) expect(text).toContain(label);
  });

  it('repeats the table header on the next page when a table spans pages', async () => {
    const base = buildJointReport();
    const many = Array.from({ length: 80 }, (_, index) => ({
      ...base.overdue[0],
      workItemId: `wi-x${index}`,
    }));
    const { text, numpages } = await pdfParse(await renderPdf({ ...base, overdue: many }));
    expect(numpages).toBeGreaterThan(3);
    expect(text.split('逾期天数').length - 1).toBeGreaterThanOrEqual(2);
  });

  it('says under a list cut short that the XLSX has every row', async () => {
    const base = buildJointReport({ locale: 'en' });
    const overdue = Array.from({ length: DOCUMENT_TABLE_ROWS + 1 }, (_, index) => ({
      ...base.overdue[0],
      workItemId: `wi-${index}`,
    }));
    const { text } = await pdfParse(await renderPdf({ ...base, overdue }));
    expect(text.replace(/\s+/g, ' ')).toContain(
      `Showing the first ${DOCUMENT_TABLE_ROWS} of ${DOCUMENT_TABLE_ROWS + 1} (1 left out); the XLSX report lists them all.`,
    );
  });

  it('writes English labels with locale en', async () => {
    const { text } = await pdfParse(await renderPdf(buildJointReport({ locale: 'en' })));
    expect(text).toContain('Joint progress report');
    expect(text).toContain('Overdue items');
    expect(text).toContain('广西壮族自治区');
  });
});
