import type { WebhookFormat } from '@xietong/domain';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { NotificationDeliveryError } from './notification-delivery.error';
import { SendOptions } from './send-options';
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
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const FORMAT_NAMES: Record<WebhookFormat, string> = {
  json: 'Webhook',
  wecom: 'WeCom robot',
  dingtalk: 'DingTalk robot',
  feishu: 'Feishu robot',
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
}

/** Posts notifications to webhooks and group robots with the global `fetch`. */
export class WebhookChannel {
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: WebhookChannelOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Resolves once the receiver accepted the message; throws `NotificationDeliveryError` otherwise. */
  async send(delivery: WebhookDelivery, { beforeAccept }: SendOptions = {}): Promise<void> {
    const request = buildWebhookRequest(delivery, this.now());
    // The URL of a robot carries its credential, so messages name the host only.
    const target = `${FORMAT_NAMES[delivery.format]} at ${new URL(delivery.url).host}`;
    let response: { status: number; body: string };
    try {
      response = await postWithheldLastByte(request, this.timeoutMs, beforeAccept);
    } catch (error) {
      if (error instanceof BeforeAcceptError) throw error.cause;
      const reason = isTimeout(error) ? `no answer within ${this.timeoutMs} ms` : describeError(error);
      throw new NotificationDeliveryError('webhook', `${target} could not be reached: ${reason}`, {
        cause: error,
      });
    }
    if (response.status < 200 || response.status >= 300) {
      throw new NotificationDeliveryError(
        'webhook',
        `${target} answered HTTP ${response.status}${response.body ? `: ${response.body.slice(0, 200)}` : ''}`,
        {
          permanent: response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status),
        },
      );
    }
    if (delivery.format !== 'json') assertRobotAccepted(target, response.body);
  }
}

class BeforeAcceptError extends Error {}

/**
 * POSTs with a Content-Length and writes all but the last byte, then waits for `beforeAccept`
 * before sending it: until then the receiver holds an incomplete request it cannot act on.
 */
function postWithheldLastByte(
  request: WebhookRequest,
  timeoutMs: number,
  beforeAccept: SendOptions['beforeAccept'],
): Promise<{ status: number; body: string }> {
  const body = Buffer.from(request.body);
  const url = new URL(request.url);
  return new Promise((resolve, reject) => {
    const outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers: { ...request.headers, 'Content-Length': String(body.length) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
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

/** Robots answer HTTP 200 even when they refuse a message; the refusal is in the JSON. */
function assertRobotAccepted(target: string, answer: string): void {
  let parsed: { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown };
  try {
    parsed = JSON.parse(answer);
  } catch {
    throw new NotificationDeliveryError(
      'webhook',
      `${target} gave an answer that is not JSON: ${answer.slice(0, 200)}`,
    );
  }
  const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode;
  if (code === undefined || code === 0) return;
  const detail = parsed.errmsg ?? parsed.msg ?? '';
  // Rate limits come back the same way, so a refusal is worth retrying.
  throw new NotificationDeliveryError(
    'webhook',
    `${target} refused the message: error ${String(code)} ${String(detail)}`.trim(),
  );
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

function describeError(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message ?? String(error);
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause?.message;
  return cause ? `${String(message)}: ${String(cause)}` : String(message);
}
