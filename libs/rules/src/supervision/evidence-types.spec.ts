import { judgeEvidence } from './evidence-types';

describe(judgeEvidence.name, () => {
  it('accepts the evidence formats by their content', () => {
    expect(judgeEvidence('验收报告.pdf', 'application/pdf')).toEqual({ accepted: true, contentType: 'application/pdf' });
    expect(judgeEvidence('现场照片.JPG', 'image/jpeg')).toEqual({ accepted: true, contentType: 'image/jpeg' });
    expect(judgeEvidence('批复.doc', 'application/x-cfb')).toMatchObject({ accepted: true });
    expect(judgeEvidence('电子公文.ofd', 'application/zip', true)).toEqual({
      accepted: true,
      contentType: 'application/ofd',
    });
  });

  it('refuses a program named .pdf, unknown content and a plain zip', () => {
    expect(judgeEvidence('报告.pdf', 'application/x-msdownload')).toMatchObject({
      accepted: false,
      reason: expect.stringContaining('application/x-msdownload'),
    });
    expect(judgeEvidence('报告.pdf', null)).toMatchObject({ accepted: false, reason: expect.stringMatching(/无法识别/) });
    expect(judgeEvidence('材料.ofd', 'application/zip', false)).toMatchObject({ accepted: false });
  });

  it('refuses a name that disagrees with the content', () => {
    expect(judgeEvidence('照片.docx', 'image/png')).toMatchObject({
      accepted: false,
      reason: expect.stringMatching(/扩展名与内容不符.*\.png/),
    });
  });
});
