import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Xietong-Timestamp';
export const SIGNATURE_HEADER = 'X-Xietong-Signature';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed so a captured request cannot be replayed later. */
export function signWebhookBody(body: string | Buffer, secret: string, timestampSeconds: number): string {
  const hmac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body);
  return `sha256=${hmac.digest('hex')}`;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

/**
 * For receivers of the generic JSON webhook: true when the body was signed with `secret` no more
 * than `toleranceSeconds` from `now`. Pass the raw body, byte for byte as received.
 */
export function verifyWebhookSignature(
  body: string | Buffer,
  headers: HeaderBag,
  secret: string,
  toleranceSeconds = 300,
  now: Date = new Date(),
): boolean {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookBody(body, secret, Number(timestamp)));
  const received = Buffer.from(signature);
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** DingTalk robots: base64 HMAC-SHA256 of `"<timestamp ms>\n<secret>"` keyed by the secret. */
export function dingTalkSignature(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu robots: base64 HMAC-SHA256 keyed by `"<timestamp s>\n<secret>"` over nothing. */
export function feishuSignature(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}
