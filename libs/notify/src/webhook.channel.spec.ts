import { dingTalkSignature, feishuSignature, verifyWebhookSignature } from './webhook-signature';
import { buildWebhookRequest, type WebhookMessage } from './webhook.channel';

const now = new Date('2026-03-01T02:00:00.123Z');
const message: WebhookMessage = {
  kind: 'due_soon',
  subject: '【协同】距截止还有3天：(十二)畅通陆海运输大通道 — 广西壮族自治区',
  text: '李明，您好：\n\n您负责的事项将于 2026-03-04 截止。\n\n查看详情：https://x.cn/w/1',
  markdown: '### 【协同】距截止还有3天\n\n[查看详情](https://x.cn/w/1)',
  link: 'https://x.cn/w/1',
  data: { workItemId: 'w1', deadline: '2026-03-04' },
};

describe('buildWebhookRequest', () => {
  it('posts generic JSON signed with the HMAC headers', () => {
    const request = buildWebhookRequest(
      { url: 'https://hooks.example.cn/in', secret: 's3', format: 'json', message },
      now,
    );
    expect(JSON.parse(request.body)).toEqual({
      event: 'due_soon',
      subject: message.subject,
      text: message.text,
      markdown: message.markdown,
      link: 'https://x.cn/w/1',
      data: { workItemId: 'w1', deadline: '2026-03-04' },
      sentAt: '2026-03-01T02:00:00.123Z',
    });
    expect(request.headers['X-Xietong-Timestamp']).toBe('1772330400');
    expect(verifyWebhookSignature(request.body, request.headers, 's3', 60, now)).toBe(true);
  });

  it('leaves generic JSON unsigned without a secret', () => {
    const request = buildWebhookRequest({ url: 'https://hooks.example.cn/in', format: 'json', message }, now);
    expect(Object.keys(request.headers)).toEqual(['Content-Type']);
  });

  it('sends WeCom a markdown message to its keyed URL', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc';
    const request = buildWebhookRequest({ url, format: 'wecom', message }, now);
    expect(request.url).toBe(url);
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: message.markdown },
    });
  });

  it('signs DingTalk in the query, URL-encoded, keeping the access token', () => {
    const request = buildWebhookRequest(
      {
        url: 'https://oapi.dingtalk.com/robot/send?access_token=tok',
        secret: 'SECxyz',
        format: 'dingtalk',
        message,
      },
      now,
    );
    const url = new URL(request.url);
    expect(url.searchParams.get('access_token')).toBe('tok');
    expect(url.searchParams.get('timestamp')).toBe(String(now.getTime()));
    expect(url.searchParams.get('sign')).toBe(dingTalkSignature(now.getTime(), 'SECxyz'));
    expect(request.url).not.toMatch(/sign=[^&]*[+/=]/);
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: { title: message.subject, text: message.markdown },
    });
  });

  it('signs Feishu in the body and makes the link clickable in a post', () => {
    const request = buildWebhookRequest(
      { url: 'https://open.feishu.cn/open-apis/bot/v2/hook/h', secret: 'fs', format: 'feishu', message },
      now,
    );
    expect(JSON.parse(request.body)).toEqual({
      timestamp: '1772330400',
      sign: feishuSignature(1772330400, 'fs'),
      msg_type: 'post',
      content: {
        post: {
          zh_cn: {
            title: message.subject,
            content: [
              [{ tag: 'text', text: '李明，您好：' }],
              [{ tag: 'text', text: '您负责的事项将于 2026-03-04 截止。' }],
              [
                { tag: 'text', text: '查看详情：' },
                { tag: 'a', text: 'https://x.cn/w/1', href: 'https://x.cn/w/1' },
              ],
            ],
          },
        },
      },
    });
  });

  it('sends Feishu without signature fields when the robot has no secret', () => {
    const request = buildWebhookRequest(
      { url: 'https://open.feishu.cn/open-apis/bot/v2/hook/h', format: 'feishu', message },
      now,
    );
    expect(Object.keys(JSON.parse(request.body))).toEqual(['msg_type', 'content']);
  });
});
