import { closedPort, SmtpSink, startSmtpSink } from '@xietong/testing';
import { EmailChannel } from './email.channel';
import { explainDeliveryFailure } from './delivery-failure-reason';
import { renderNotification } from './message';
import { NotificationDeliveryError } from './notification-delivery.error';

describe('EmailChannel against a real SMTP server', () => {
  let sink: SmtpSink;
  let channel: EmailChannel;

  beforeAll(async () => {
    sink = await startSmtpSink();
    channel = new EmailChannel({ smtpUrl: sink.url, from: '"协同 Xietong" <noreply@xietong.local>' });
  });

  afterAll(() => sink.close());

  it('delivers a Chinese reminder as text and HTML with a report attached', async () => {
    const rendered = renderNotification('due_soon', {
      recipientName: '李明',
      itemTitle: '畅通陆海运输大通道',
      taskCode: '(十二)',
      planTitle: '北部湾城市群建设“十四五”实施方案',
      organizationName: '广西壮族自治区',
      deadline: '2026-03-04',
      daysLeft: 3,
      link: 'https://xietong.example.cn/work-items/w1',
    });
    const workbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff, 0x00]);

    const messageId = await channel.send({
      to: ['li.ming@gx.example.cn', 'wang.fang@gx.example.cn'],
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: [
        {
          filename: '联合进展报告-2026年11月.xlsx',
          content: workbook,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ],
    });

    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail.messageId).toBe(messageId);
    expect(mail.subject).toBe('【协同】距截止还有3天：(十二)畅通陆海运输大通道 — 广西壮族自治区');
    expect(mail.from?.value).toEqual([{ address: 'noreply@xietong.local', name: '协同 Xietong' }]);
    expect([mail.to].flat().flatMap((to) => to?.value.map((v) => v.address))).toEqual([
      'li.ming@gx.example.cn',
      'wang.fang@gx.example.cn',
    ]);
    expect(mail.text).toContain('李明，您好：');
    expect(mail.text).toContain('查看详情：https://xietong.example.cn/work-items/w1');
    expect(mail.html).toContain('<a href="https://xietong.example.cn/work-items/w1"');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('联合进展报告-2026年11月.xlsx');
    expect(mail.attachments[0].contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(Buffer.compare(mail.attachments[0].content, workbook)).toBe(0);
  });

  it('reports a refused recipient as a permanent failure with the server’s reason', async () => {
    const attempt = channel.send({ to: 'refused@gx.example.cn', subject: '测试', text: '测试' });
    await expect(attempt).rejects.toThrow(NotificationDeliveryError);
    await expect(attempt).rejects.toMatchObject({
      channel: 'email',
      permanent: true,
      message: expect.stringMatching(
        /^邮件服务器拒收发给 refused@gx\.example\.cn 的邮件（SMTP 550）.*The mail server refused mail to refused@gx\.example\.cn: .*No such mailbox/,
      ),
    });
    // What the failed-deliveries screen says of it: a rewording of the channel must keep this.
    const stored = await attempt.catch((error: Error) => error.message);
    expect(explainDeliveryFailure(stored).reason).toBe('mailbox_not_found');
  });

  it('reports an unreachable server as a failure worth retrying', async () => {
    const unreachable = new EmailChannel({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: 'noreply@x.cn',
    });
    const attempt = unreachable.send({ to: 'a@b.cn', subject: '测试', text: '测试' });
    await expect(attempt).rejects.toMatchObject({
      name: 'NotificationDeliveryError',
      permanent: false,
      message: expect.stringMatching(/^无法连接邮件服务器.*连接被拒绝.*connection refused/),
    });
    expect(explainDeliveryFailure(await attempt.catch((error: Error) => error.message)).reason).toBe(
      'smtp_unreachable',
    );
  });

  it('holds the final dot until beforeAccept returns, and aborts the message when it throws', async () => {
    const before = sink.received.length;
    let receivedWhileHeld = -1;
    await channel.send(
      { to: 'held@gx.example.cn', subject: '等待确认', text: '正文' },
      {
        beforeAccept: async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          receivedWhileHeld = sink.received.length;
        },
      },
    );
    expect(receivedWhileHeld).toBe(before);
    expect(sink.received).toHaveLength(before + 1);

    await expect(
      channel.send(
        { to: 'aborted@gx.example.cn', subject: '不应送达', text: '正文' },
        { beforeAccept: () => Promise.reject(new Error('database unavailable')) },
      ),
    ).rejects.toThrow(/database unavailable/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink.received).toHaveLength(before + 1);
  });
});
