import { renderNotification, type WorkItemContext } from './message';

const item: WorkItemContext = {
  recipientName: '李明',
  itemTitle: '畅通陆海运输大通道',
  taskCode: '(十二)',
  planTitle: '北部湾城市群建设“十四五”实施方案',
  organizationName: '广西壮族自治区',
  deadline: '2026-03-04',
  link: 'https://xietong.example.cn/work-items/w1?tab=updates&from=mail',
};

describe('renderNotification', () => {
  it('writes the subject in Chinese by default', () => {
    expect(renderNotification('due_soon', { ...item, daysLeft: 3 }).subject).toBe(
      '【协同】距截止还有3天：(十二)畅通陆海运输大通道 — 广西壮族自治区',
    );
  });

  it.each([
    ['due_soon', { ...item, daysLeft: 3, workingDays: true }, '【协同】距截止还有3个工作日：'],
    ['due_today', item, '【协同】今天截止：'],
    ['overdue', { ...item, daysOverdue: 6 }, '【协同】已逾期6天：'],
    ['escalation', { ...item, daysOverdue: 7, ownerName: null }, '【协同】逾期7天，请督办：'],
    ['assigned', { ...item, assignedBy: '王芳' }, '【协同】新事项分配给您：'],
    ['update_posted', { ...item, authorName: '张伟', updateText: '已完成' }, '【协同】张伟反馈了进展：'],
    ['silent', { ...item, daysSilent: 14 }, '【协同】14天未更新进展：'],
    ['sent_back', { ...item, actorName: '王芳', reason: '缺少验收材料' }, '【协同】事项被退回：'],
  ] as const)('heads a %s notification "%s…"', (kind, payload, prefix) => {
    const rendered = renderNotification(kind, payload as never);
    expect(rendered.subject).toBe(`${prefix}(十二)畅通陆海运输大通道 — 广西壮族自治区`);
    expect(rendered.text).toContain('李明，您好：');
    expect(rendered.text).toContain('规划：北部湾城市群建设“十四五”实施方案');
    expect(rendered.text).toContain(`查看详情：${item.link}`);
    expect(rendered.markdown).toContain(`### ${rendered.subject}`);
    expect(rendered.markdown).toContain(`[查看详情](${item.link})`);
  });

  it('tells the escalation audience who owns the item, or that nobody does', () => {
    expect(renderNotification('escalation', { ...item, daysOverdue: 7, ownerName: '李明' }).text).toContain(
      '负责人：李明',
    );
    expect(renderNotification('escalation', { ...item, daysOverdue: 7 }).text).toContain('负责人：未指定');
  });

  it('quotes an update in every form', () => {
    const rendered = renderNotification('update_posted', {
      ...item,
      authorName: '张伟',
      updateText: '南宁至湛江段已开工\n下周完成征地',
      progress: 40,
    });
    expect(rendered.text).toContain('南宁至湛江段已开工\n下周完成征地');
    expect(rendered.text).toContain('进度：40%');
    expect(rendered.markdown).toContain('> 南宁至湛江段已开工\n> 下周完成征地');
    expect(rendered.html).toContain('南宁至湛江段已开工<br>下周完成征地');
  });

  it('escapes HTML from user text and links', () => {
    const rendered = renderNotification('update_posted', {
      ...item,
      itemTitle: '<b>港口</b> & "航道"',
      authorName: "O'Brien",
      updateText: '<script>alert(1)</script>',
    });
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered.html).toContain('&lt;b&gt;港口&lt;/b&gt; &amp; &quot;航道&quot;');
    expect(rendered.html).toContain('O&#39;Brien');
    expect(rendered.html).toContain(
      'href="https://xietong.example.cn/work-items/w1?tab=updates&amp;from=mail"',
    );
    expect(rendered.text).toContain('<b>港口</b> & "航道"');
  });

  it('names the period of a reporting cadence reminder', () => {
    const cadence = {
      recipientName: '李明',
      planTitle: '北部湾城市群建设“十四五”实施方案',
      organizationName: '广西壮族自治区',
      dueAt: '2026-11-27 12:00',
      link: 'https://xietong.example.cn/plans/p1',
    };
    expect(renderNotification('cadence', { ...cadence, periodKey: '2026-W48' }).subject).toBe(
      '【协同】请报送2026年第48周进展：北部湾城市群建设“十四五”实施方案 — 广西壮族自治区',
    );
    expect(renderNotification('cadence', { ...cadence, periodKey: '2026-11' }).text).toContain(
      '截至 2026-11-27 12:00，广西壮族自治区尚未报送2026年11月的进展情况',
    );
    expect(renderNotification('cadence', { ...cadence, periodKey: '2026-11' }, 'en').subject).toBe(
      '[Xietong] Progress update due for November 2026: 北部湾城市群建设“十四五”实施方案 — 广西壮族自治区',
    );
    expect(() => renderNotification('cadence', { ...cadence, periodKey: 'W48' })).toThrow('2026-W48');
  });

  it('announces a report with its highlights', () => {
    const rendered = renderNotification('report', {
      recipientName: '王芳',
      planTitle: '北部湾城市群建设“十四五”实施方案',
      reportTitle: '2026年11月联合进展报告',
      highlights: ['逾期事项 3 项（上期 5 项）', '平均进度 62%'],
      link: 'https://xietong.example.cn/reports/r1',
    });
    expect(rendered.subject).toBe('【协同】联合进展报告：2026年11月联合进展报告');
    expect(rendered.text).toContain('逾期事项 3 项（上期 5 项）\n平均进度 62%');
  });

  it('lists every entry of a daily digest with its link', () => {
    const rendered = renderNotification('digest', {
      recipientName: '李明',
      date: '2026-03-02',
      entries: [
        { subject: '【协同】今天截止：(十二)畅通陆海运输大通道 — 广西壮族自治区', link: 'https://x.cn/w/1' },
        { subject: '【协同】已逾期3天：(五)强化空间分区管控 — 广西壮族自治区', link: 'https://x.cn/w/2' },
      ],
      link: 'https://x.cn/notifications',
    });
    expect(rendered.subject).toBe('【协同】每日提醒汇总（2026-03-02，共2条）');
    expect(rendered.markdown).toContain(
      '- [【协同】已逾期3天：(五)强化空间分区管控 — 广西壮族自治区](https://x.cn/w/2)',
    );
    expect(rendered.html).toContain('<li><a href="https://x.cn/w/1">');
  });

  it('speaks English when asked, with plurals', () => {
    const one = renderNotification('due_soon', { ...item, daysLeft: 1 }, 'en');
    expect(one.subject).toBe('[Xietong] Due in 1 day: (十二)畅通陆海运输大通道 — 广西壮族自治区');
    expect(one.text).toMatch(/^Dear 李明,\n/);
    expect(one.html).toContain('<html lang="en">');
    expect(
      renderNotification('overdue', { ...item, daysOverdue: 3, workingDays: true }, 'en').subject,
    ).toMatch(/^\[Xietong\] Overdue by 3 working days: /);
  });

  it('makes people’s text inert in robot Markdown: no markup, links, mentions, headings or extra lines', () => {
    const rendered = renderNotification('update_posted', {
      ...item,
      itemTitle: '**紧急** [点我](http://evil.example) <@all> `code` _斜_ ~删~ |表|\n### 伪标题\n> 伪引用',
      organizationName: '广西\r\n# 自治区',
      authorName: '<font color="warning">王</font>',
      updateText: '第一行 *加粗*\n第二行 [链接](http://x)',
    });
    const lines = rendered.markdown.split('\n');
    expect(lines[0]).toBe(
      '### 【协同】＜font color="warning"＞王＜/font＞反馈了进展：(十二)＊＊紧急＊＊ ［点我］(http://evil.example) ＜@all＞ ｀code｀ ＿斜＿ ～删～ ｜表｜ ＃＃＃ 伪标题 ＞ 伪引用 — 广西 ＃ 自治区',
    );
    // Only our own markup is left: the heading, bold labels, quote lines and our link.
    expect(rendered.markdown).not.toMatch(/\[点我\]|<@all>|<font|`code`/);
    expect(lines.filter((line) => line.startsWith('#'))).toHaveLength(1);
    expect(lines).toContain('> 第一行 ＊加粗＊');
    expect(lines).toContain('> 第二行 ［链接］(http://x)');
    expect(rendered.markdown).toContain(`[查看详情](${item.link})`);
    // Mail keeps the text as written (HTML-escaped there).
    expect(rendered.subject).toContain('**紧急** [点我]');
  });

  it('leaves our own English prefix alone in robot Markdown', () => {
    const rendered = renderNotification('due_today', { ...item, itemTitle: 'a*b' }, 'en');
    expect(rendered.markdown.split('\n')[0]).toBe('### [Xietong] Due today: (十二)a＊b — 广西壮族自治区');
  });
});
