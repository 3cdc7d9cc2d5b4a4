import type { WebhookFormat } from '@xietong/domain';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { NotificationDeliveryError } from './notification-delivery.error';
import { SendOptions } from './send-options';
import { checkWebhookUrl, guardedLookup, WebhookAddressError, WebhookAddressPolicy } from './webhook-address';
import {
  dingTalkSignature,
  feishuSignature,
  signWebhookBody,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './webhook-signature';

export type { WebhookFormat };

export interface WebhookMessage {
  kind: string;
  subject: string;
  text: string;
  markdown: string;
  link?: string;
  /** Machine-readable details for generic JSON receivers (ids, deadline …). */
  data?: Record<string, unknown>;
}

export interface WebhookDelivery {
  url: string;
  /** Signs the request: HMAC headers (json), sign parameters (DingTalk, Feishu); WeCom keys its URL instead. */
  secret?: string | null;
  format: WebhookFormat;
  message: WebhookMessage;
  /** Sent as `Idempotency-Key`: the same for every attempt of one notification, so a receiver can drop a repeat. */
  idempotencyKey?: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const FORMAT_NAMES: Record<WebhookFormat, [zh: string, en: string]> = {
  json: ['网络钩子', 'Webhook'],
  wecom: ['企业微信机器人', 'WeCom robot'],
  dingtalk: ['钉钉机器人', 'DingTalk robot'],
  feishu: ['飞书机器人', 'Feishu robot'],
};

/** The HTTP request a delivery makes, signed for `now`. */
export function buildWebhookRequest(delivery: WebhookDelivery, now: Date): WebhookRequest {
  const { message, secret } = delivery;
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  const seconds = Math.floor(now.getTime() / 1000);
  switch (delivery.format) {
    case 'json': {
      const body = JSON.stringify({
        event: message.kind,
        subject: message.subject,
        text: message.text,
        markdown: message.markdown,
        link: message.link ?? null,
        data: message.data ?? {},
        sentAt: now.toISOString(),
      });
      if (secret) {
        headers[TIMESTAMP_HEADER] = String(seconds);
        headers[SIGNATURE_HEADER] = signWebhookBody(body, secret, seconds);
      }
      return { url: delivery.url, headers, body };
    }
    case 'wecom':
      return {
        url: delivery.url,
        headers,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: message.markdown } }),
      };
    case 'dingtalk': {
      const url = new URL(delivery.url);
      if (secret) {
        url.searchParams.set('timestamp', String(now.getTime()));
        url.searchParams.set('sign', dingTalkSignature(now.getTime(), secret));
      }
      const body = JSON.stringify({
        msgtype: 'markdown',
        markdown: { title: message.subject, text: message.markdown },
      });
      return { url: url.toString(), headers, body };
    }
    case 'feishu': {
      const signature = secret ? { timestamp: String(seconds), sign: feishuSignature(seconds, secret) } : {};
      const post = { zh_cn: { title: message.subject, content: feishuParagraphs(message) } };
      return {
        url: delivery.url,
        headers,
        body: JSON.stringify({ ...signature, msg_type: 'post', content: { post } }),
      };
    }
  }
}

type FeishuElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };

/** Plain-text lines as Feishu post paragraphs, with the item link made clickable. */
function feishuParagraphs({ text, link }: WebhookMessage): FeishuElement[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = link ? line.indexOf(link) : -1;
      if (!link || at < 0) return [{ tag: 'text', text: line }];
      const before: FeishuElement[] = at > 0 ? [{ tag: 'text', text: line.slice(0, at) }] : [];
      return [...before, { tag: 'a', text: link, href: link }];
    });
}

export interface WebhookChannelOptions {
  /** Per request, connection to last byte. */
  timeoutMs?: number;
  now?: () => Date;
  /** Hosts exempt from the private-address refusal; none by default. */
  addressPolicy?: WebhookAddressPolicy;
}

/**
 * Posts notifications to webhooks and group robots. Every request goes only to public addresses
 * checked after DNS resolution (see `guardedLookup`), follows no redirect, carries the
 * notification id as `Idempotency-Key`, and a failure is described by status code and category:
 * the receiver's answer body is never kept (it may be an internal service talking).
 */
export class WebhookChannel {
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly policy: WebhookAddressPolicy;

  constructor(options: WebhookChannelOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
    this.policy = options.addressPolicy ?? { allowedHosts: [] };
  }

  /** Resolves once the receiver accepted the message; throws `NotificationDeliveryError` otherwise. */
  async send(delivery: WebhookDelivery, { beforeAccept }: SendOptions = {}): Promise<void> {
    const [zhName, enName] = FORMAT_NAMES[delivery.format];
    let url: URL;
    try {
      url = checkWebhookUrl(delivery.url, this.policy);
    } catch (error) {
      throw new NotificationDeliveryError('webhook', (error as Error).message, {
        permanent: true,
        cause: error,
      });
    }
    const request = buildWebhookRequest(delivery, this.now());
    if (delivery.idempotencyKey) request.headers['Idempotency-Key'] = delivery.idempotencyKey;
    // The URL of a robot carries its credential, so messages name the host only.
    const fail = (zh: string, en: string, permanent: boolean, cause?: unknown) =>
      new NotificationDeliveryError(
        'webhook',
        `${zhName}（${url.host}）${zh}。${enName} at ${url.host} ${en}.`,
        {
          permanent,
          cause,
        },
      );
    let response: { status: number; body: string };
    try {
      response = await postWithheldLastByte(
        request,
        this.timeoutMs,
        guardedLookup(this.policy),
        beforeAccept,
      );
    } catch (error) {
      if (error instanceof BeforeAcceptError) throw error.cause;
      if (error instanceof WebhookAddressError)
        throw new NotificationDeliveryError('webhook', error.message, { permanent: true, cause: error });
      const [zh, en] = unreachableReason(error, this.timeoutMs);
      throw fail(`无法连接：${zh}`, `could not be reached: ${en}`, false, error);
    }
    if (response.status < 200 || response.status >= 300) {
      const [zh, en, permanent] = statusCategory(response.status);
      throw fail(
        `回复 HTTP ${response.status}（${zh}）`,
        `answered HTTP ${response.status} (${en})`,
        permanent,
      );
    }
    if (delivery.format !== 'json') {
      const refusal = robotRefusal(response.body);
      // Robots answer HTTP 200 even when they refuse (rate limits too), so a refusal is worth retrying.
      if (refusal) throw fail(refusal[0], refusal[1], false);
    }
  }
}

/** What a status means for the sender, and whether retrying can help. */
function statusCategory(status: number): [zh: string, en: string, permanent: boolean] {
  if (status >= 300 && status < 400) return ['要求重定向，协同不跟随重定向', 'redirect, not followed', true];
  if (status === 404 || status === 410) return ['地址不存在，请检查网址', 'no such endpoint', true];
  if (status === 408 || status === 429) return ['暂时繁忙或限流', 'busy or rate-limited', false];
  if (status >= 400 && status < 500) return ['拒绝了请求，请检查网址和密钥', 'request refused', true];
  return ['接收方服务器错误', 'server error', false];
}

class BeforeAcceptError extends Error {}

/**
 * POSTs with a Content-Length and writes all but the last byte, then waits for `beforeAccept`
 * before sending it: until then the receiver holds an incomplete request it cannot act on.
 */
function postWithheldLastByte(
  request: WebhookRequest,
  timeoutMs: number,
  lookup: LookupFunction,
  beforeAccept: SendOptions['beforeAccept'],
): Promise<{ status: number; body: string }> {
  const body = Buffer.from(request.body);
  const url = new URL(request.url);
  return new Promise((resolve, reject) => {
    const outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers: { ...request.headers, 'Content-Length': String(body.length) },
      signal: AbortSignal.timeout(timeoutMs),
      lookup,
    });
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      // Only a robot's small JSON verdict is read (and only its error code kept); the rest is dropped.
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      incoming.on('error', reject);
    });
    // The write callback fires once the bytes are handed to the connected socket.
    outgoing.write(body.subarray(0, body.length - 1), () => {
      (beforeAccept ?? (async () => undefined))().then(
        () => outgoing.end(body.subarray(body.length - 1)),
        (error: unknown) => {
          outgoing.destroy();
          reject(new BeforeAcceptError('beforeAccept failed', { cause: error }));
        },
      );
    });
  });
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** A robot's refusal as its numeric error code only: the message text is the receiver's to say, not ours to store. */
function robotRefusal(answer: string): [zh: string, en: string] | null {
  let parsed: { errcode?: unknown; code?: unknown; StatusCode?: unknown };
  try {
    parsed = JSON.parse(answer);
  } catch {
    return ['的回复不是 JSON，可能不是机器人地址', 'gave an answer that is not JSON; is this a robot URL?'];
  }
  const code = parsed?.errcode ?? parsed?.code ?? parsed?.StatusCode;
  if (code === undefined || code === 0) return null;
  const shown = Number.isSafeInteger(code) && Math.abs(code as number) < 1e9 ? String(code) : '?';
  return [`拒收了消息（错误码 ${shown}）`, `refused the message (error code ${shown})`];
}

// Duck-typed: abort errors (DOMException) come from another realm under test runners.
function errorName(error: unknown): unknown {
  return (error as { name?: unknown } | null)?.name;
}

/** node:http reports an AbortSignal.timeout as an AbortError caused by a TimeoutError. */
function isTimeout(error: unknown): boolean {
  return (
    errorName(error) === 'TimeoutError' ||
    errorName((error as { cause?: unknown } | null)?.cause) === 'TimeoutError'
  );
}

const NETWORK_REASONS: Record<string, [zh: string, en: string]> = {
  ECONNREFUSED: ['连接被拒绝', 'connection refused'],
  ECONNRESET: ['连接被重置', 'connection reset'],
  ENOTFOUND: ['域名无法解析', 'host name not found'],
  EAI_AGAIN: ['域名暂时无法解析', 'host name lookup failed for now'],
  EHOSTUNREACH: ['主机不可达', 'host unreachable'],
  ENETUNREACH: ['网络不可达', 'network unreachable'],
  ETIMEDOUT: ['连接超时', 'connection timed out'],
};

function unreachableReason(error: unknown, timeoutMs: number): [zh: string, en: string] {
  if (isTimeout(error)) return [`${timeoutMs} 毫秒内无应答`, `no answer within ${timeoutMs} ms`];
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return NETWORK_REASONS[code] ?? ['网络错误', `network error${code ? ` ${code}` : ''}`];
}
