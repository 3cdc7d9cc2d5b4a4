import type { WebhookFormat } from '@xietong/domain';
import { NotificationDeliveryError } from './notification-delivery.error';
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
  async send(delivery: WebhookDelivery): Promise<void> {
    const request = buildWebhookRequest(delivery, this.now());
    // The URL of a robot carries its credential, so messages name the host only.
    const target = `${FORMAT_NAMES[delivery.format]} at ${new URL(delivery.url).host}`;
    let response: Response;
    let answer: string;
    try {
      response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      answer = await response.text();
    } catch (error) {
      const reason =
        errorName(error) === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : describeFetchError(error);
      throw new NotificationDeliveryError('webhook', `${target} could not be reached: ${reason}`, {
        cause: error,
      });
    }
    if (!response.ok) {
      throw new NotificationDeliveryError(
        'webhook',
        `${target} answered HTTP ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`,
        {
          permanent: response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status),
        },
      );
    }
    if (delivery.format !== 'json') assertRobotAccepted(target, answer);
  }
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

// Duck-typed: fetch errors (DOMException, undici's TypeError) come from another realm under test runners.
function errorName(error: unknown): unknown {
  return (error as { name?: unknown } | null)?.name;
}

function describeFetchError(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message ?? String(error);
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause?.message;
  return cause ? `${String(message)}: ${String(cause)}` : String(message);
}
