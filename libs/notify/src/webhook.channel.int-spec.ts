import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { explainDeliveryFailure } from './delivery-failure-reason';
import { renderNotification } from './message';
import { NotificationDeliveryError } from './notification-delivery.error';
import { dingTalkSignature, feishuSignature, verifyWebhookSignature } from './webhook-signature';
import { WebhookChannel, type WebhookMessage } from './webhook.channel';

interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Answer {
  status: number;
  body: string;
  delayMs?: number;
}

/** A local HTTP receiver that records each request and answers as the test tells it to. */
class Receiver {
  readonly requests: ReceivedRequest[] = [];
  answer: Answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.requests.push({
        method: request.method ?? '',
        url: new URL(request.url ?? '/', this.base),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const { status, body, delayMs = 0 } = this.answer;
      const reply = setTimeout(
        () => response.writeHead(status, { 'Content-Type': 'application/json' }).end(body),
        delayMs,
      );
      response.on('close', () => clearTimeout(reply));
    });
  });
  base = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  last(): ReceivedRequest {
    expect(this.requests.length).toBeGreaterThan(0);
    return this.requests[this.requests.length - 1];
  }
}

const rendered = renderNotification('overdue', {
  recipientName: '李明',
  itemTitle: '畅通陆海运输大通道',
  taskCode: '(十二)',
  planTitle: '北部湾城市群建设“十四五”实施方案',
  organizationName: '广西壮族自治区',
  deadline: '2026-02-23',
  daysOverdue: 6,
  link: 'https://xietong.example.cn/work-items/w1',
});
const message: WebhookMessage = {
  kind: 'overdue',
  ...rendered,
  link: 'https://xietong.example.cn/work-items/w1',
  data: { workItemId: 'w1' },
};

/** The reason the failed-deliveries screen will give for what the channel reported (a rewording must keep it). */
const explained = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'delivered',
    (error: Error) => explainDeliveryFailure(error.message).reason,
  );

describe('WebhookChannel against local receivers', () => {
  const receiver = new Receiver();
  // The receiver listens on loopback, which only an administrator's allowance opens.
  const allowLoopback = { allowedHosts: ['127.0.0.1'] };
  const channel = new WebhookChannel({ timeoutMs: 1_000, addressPolicy: allowLoopback });

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  beforeEach(() => {
    receiver.answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  });

  it('posts generic JSON whose HMAC signature the receiver verifies', async () => {
    receiver.answer = { status: 204, body: '' };
    await channel.send({
      url: `${receiver.base}/hooks/xietong`,
      secret: 'whsec_1',
      format: 'json',
      message,
      idempotencyKey: 'n-1',
    });
    const request = receiver.last();
    expect(request.headers['idempotency-key']).toBe('n-1');
    expect(request.method).toBe('POST');
    expect(request.url.pathname).toBe('/hooks/xietong');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(verifyWebhookSignature(request.body, request.headers, 'whsec_1', 60)).toBe(true);
    expect(verifyWebhookSignature(request.body, request.headers, 'whsec_2', 60)).toBe(false);
    expect(JSON.parse(request.body)).toMatchObject({
      event: 'overdue',
      subject: '【协同】已逾期6天：(十二)畅通陆海运输大通道 — 广西壮族自治区',
      data: { workItemId: 'w1' },
    });
  });

  it('posts WeCom a markdown message', async () => {
    await channel.send({ url: `${receiver.base}/cgi-bin/webhook/send?key=k1`, format: 'wecom', message });
    const request = receiver.last();
    expect(request.url.searchParams.get('key')).toBe('k1');
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: rendered.markdown },
    });
    expect(rendered.markdown).toContain('### 【协同】已逾期6天');
  });

  it('signs DingTalk so that the receiver can recompute the signature from the timestamp', async () => {
    const before = Date.now();
    await channel.send({
      url: `${receiver.base}/robot/send?access_token=t1`,
      secret: 'SECding',
      format: 'dingtalk',
      message,
    });
    const { url, body } = receiver.last();
    const timestamp = Number(url.searchParams.get('timestamp'));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
    expect(url.searchParams.get('access_token')).toBe('t1');
    expect(url.searchParams.get('sign')).toBe(dingTalkSignature(timestamp, 'SECding'));
    expect(JSON.parse(body)).toEqual({
      msgtype: 'markdown',
      markdown: { title: rendered.subject, text: rendered.markdown },
    });
  });

  it('signs Feishu in the body so that the receiver can recompute the signature', async () => {
    receiver.answer = { status: 200, body: '{"code":0,"msg":"success","data":{}}' };
    await channel.send({
      url: `${receiver.base}/open-apis/bot/v2/hook/h1`,
      secret: 'fsec',
      format: 'feishu',
      message,
    });
    const body = JSON.parse(receiver.last().body);
    expect(Math.abs(Number(body.timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(body.sign).toBe(feishuSignature(Number(body.timestamp), 'fsec'));
    expect(body.msg_type).toBe('post');
    expect(body.content.post.zh_cn.title).toBe(rendered.subject);
    expect(body.content.post.zh_cn.content).toContainEqual([
      { tag: 'text', text: '查看详情：' },
      {
        tag: 'a',
        text: 'https://xietong.example.cn/work-items/w1',
        href: 'https://xietong.example.cn/work-items/w1',
      },
    ]);
  });

  it('reports HTTP 500 as a failure worth retrying, by status and category, never the body', async () => {
    receiver.answer = { status: 500, body: 'INTERNAL-ONLY: db_password=hunter2' };
    const attempt = channel.send({
      url: `${receiver.base}/hooks/xietong`,
      secret: 's',
      format: 'json',
      message,
    });
    await expect(attempt).rejects.toThrow(NotificationDeliveryError);
    await expect(attempt).rejects.toMatchObject({
      permanent: false,
      message: `网络钩子（${new URL(receiver.base).host}）回复 HTTP 500（接收方服务器错误）。Webhook at ${new URL(receiver.base).host} answered HTTP 500 (server error).`,
    });
    await expect(attempt).rejects.not.toMatchObject({ message: expect.stringContaining('hunter2') });
    expect(await explained(attempt)).toBe('webhook_server_error');
  });

  it('reports HTTP 404 as a permanent failure', async () => {
    receiver.answer = { status: 404, body: '' };
    const attempt = channel.send({ url: `${receiver.base}/gone`, format: 'json', message });
    await expect(attempt).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('answered HTTP 404'),
    });
    expect(await explained(attempt)).toBe('webhook_not_found');
  });

  it('reports a DingTalk refusal (errcode 310000) despite HTTP 200, without the token or the answer text', async () => {
    receiver.answer = { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' };
    const attempt = channel.send({
      url: `${receiver.base}/robot/send?access_token=secret-token`,
      secret: 'SECwrong',
      format: 'dingtalk',
      message,
    });
    await expect(attempt).rejects.toMatchObject({
      channel: 'webhook',
      message: `钉钉机器人（${new URL(receiver.base).host}）拒收了消息（错误码 310000）。DingTalk robot at ${new URL(receiver.base).host} refused the message (error code 310000).`,
    });
    await expect(attempt).rejects.not.toMatchObject({
      message: expect.stringMatching(/secret-token|sign not match/),
    });
    expect(await explained(attempt)).toBe('robot_refused');
  });

  it.each([
    ['wecom', '{"errcode":93000,"errmsg":"invalid webhook url"}', '企业微信机器人', 'error code 93000\\)'],
    ['feishu', '{"code":19021,"msg":"sign match fail"}', '飞书机器人', 'error code 19021\\)'],
    ['wecom', '<html>gateway</html>', '企业微信机器人', 'gave an answer that is not JSON'],
  ] as const)('reports a %s refusal in the JSON answer', async (format, body, name, reason) => {
    receiver.answer = { status: 200, body };
    const attempt = channel.send({ url: `${receiver.base}/robot`, secret: 's', format, message });
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringMatching(new RegExp(`^${name}（127\\.0\\.0\\.1:\\d+）.*${reason}`)),
    });
    expect(await explained(attempt)).toBe(body.startsWith('<') ? 'robot_not_json' : 'robot_refused');
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.answer = { status: 200, body: '{"errcode":0}', delayMs: 3_000 };
    const quick = new WebhookChannel({ timeoutMs: 200, addressPolicy: allowLoopback });
    const attempt = quick.send({ url: `${receiver.base}/slow`, format: 'wecom', message });
    await expect(attempt).rejects.toMatchObject({
      permanent: false,
      message: expect.stringContaining('could not be reached: no answer within 200 ms'),
    });
    expect(await explained(attempt)).toBe('webhook_timeout');
  });

  it('follows no redirect: a 302 is a permanent failure and the target is never asked', async () => {
    receiver.answer = { status: 302, body: '' };
    const before = receiver.requests.length;
    const attempt = channel.send({ url: `${receiver.base}/moved`, format: 'json', message });
    await expect(attempt).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('不跟随重定向'),
    });
    expect(await explained(attempt)).toBe('webhook_redirect');
    expect(receiver.requests).toHaveLength(before + 1);
  });

  it('refuses at send time a name that resolves to loopback, before any byte is sent', async () => {
    const strict = new WebhookChannel({ timeoutMs: 1_000 });
    const before = receiver.requests.length;
    const port = new URL(receiver.base).port;
    await expect(
      strict.send({ url: `http://localhost:${port}/hooks/xietong`, format: 'json', message }),
    ).rejects.toMatchObject({
      permanent: true,
      message: expect.stringMatching(/^不能向回环地址推送（localhost 解析到 (127\.0\.0\.1|::1)）/),
    });
    const attempt = strict.send({ url: `${receiver.base}/hooks/xietong`, format: 'json', message });
    await expect(attempt).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('回环地址'),
    });
    expect(await explained(attempt)).toBe('webhook_address_refused');
    expect(receiver.requests).toHaveLength(before);
  });
});
