import { createHmac } from 'node:crypto';
import {
  dingTalkSignature,
  feishuSignature,
  signWebhookBody,
  verifyWebhookSignature,
} from './webhook-signature';

const secret = 'whsec_测试-secret';
const body = JSON.stringify({ event: 'due_soon', subject: '【协同】距截止还有3天' });
const now = new Date('2026-03-01T02:00:00Z');
const timestamp = Math.floor(now.getTime() / 1000);

describe('signWebhookBody', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
    expect(signWebhookBody(body, secret, timestamp)).toBe(`sha256=${expected}`);
    expect(signWebhookBody(Buffer.from(body), secret, timestamp)).toBe(`sha256=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  const headers = {
    'x-xietong-timestamp': String(timestamp),
    'x-xietong-signature': signWebhookBody(body, secret, timestamp),
  };

  it('accepts a fresh, correctly signed body from Node or fetch headers', () => {
    expect(verifyWebhookSignature(body, headers, secret, 300, now)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(body), new Headers(headers), secret, 300, now)).toBe(true);
  });

  it.each([
    ['a changed body', body.replace('3', '4'), headers, secret],
    ['another secret', body, headers, 'other'],
    ['a changed timestamp', body, { ...headers, 'x-xietong-timestamp': String(timestamp + 1) }, secret],
    ['no signature', body, { 'x-xietong-timestamp': String(timestamp) }, secret],
    ['no timestamp', body, { 'x-xietong-signature': headers['x-xietong-signature'] }, secret],
    ['a truncated signature', body, { ...headers, 'x-xietong-signature': 'sha256=00' }, secret],
  ])('refuses %s', (_why, receivedBody, receivedHeaders, key) => {
    expect(verifyWebhookSignature(receivedBody, receivedHeaders, key, 300, now)).toBe(false);
  });

  it('refuses a replay outside the tolerance, either way', () => {
    expect(verifyWebhookSignature(body, headers, secret, 300, new Date(now.getTime() + 300_000))).toBe(true);
    expect(verifyWebhookSignature(body, headers, secret, 300, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature(body, headers, secret, 300, new Date(now.getTime() - 301_000))).toBe(false);
  });
});

describe('robot signatures', () => {
  it('signs DingTalk as base64 HMAC-SHA256 of "<ms>\\n<secret>" keyed by the secret', () => {
    const ms = now.getTime();
    const expected = createHmac('sha256', 'SECabc').update(`${ms}\nSECabc`).digest('base64');
    expect(dingTalkSignature(ms, 'SECabc')).toBe(expected);
  });

  it('signs Feishu as base64 HMAC-SHA256 keyed by "<s>\\n<secret>" over an empty message', () => {
    const expected = createHmac('sha256', `${timestamp}\nfeishu`).digest('base64');
    expect(feishuSignature(timestamp, 'feishu')).toBe(expected);
    expect(feishuSignature(timestamp, 'feishu')).not.toBe(feishuSignature(timestamp + 1, 'feishu'));
  });
});
