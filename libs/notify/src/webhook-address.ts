import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Webhook URLs are typed in by organization coordinators, and the worker POSTs signed JSON to
 * them from inside the network: without these checks a URL can reach the metadata service, Redis
 * or Postgres (SSRF). Only public unicast addresses are allowed, unless an administrator names the
 * host in `WEBHOOK_ALLOWED_HOSTS`.
 */
export interface WebhookAddressPolicy {
  /** Host names or IP literals (lower case, IPv6 without brackets) exempt from the address check. */
  allowedHosts: readonly string[];
}

/** A URL the policy refuses; the message says why, Chinese first. */
export class WebhookAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAddressError';
  }
}

// ipaddr.js names every special-purpose range of IANA's registries; anything but `unicast` is refused.
const RANGE_NAMES: Record<string, [zh: string, en: string]> = {
  loopback: ['回环地址', 'loopback'],
  private: ['内网地址', 'private'],
  uniqueLocal: ['内网地址', 'unique local'],
  linkLocal: ['链路本地地址', 'link-local'],
  multicast: ['组播地址', 'multicast'],
  unspecified: ['未指定地址', 'unspecified'],
  broadcast: ['广播地址', 'broadcast'],
  carrierGradeNat: ['运营商内网地址', 'carrier-grade NAT'],
  reserved: ['保留地址', 'reserved'],
};

/** Null for a public unicast address; otherwise what kind of address it is, in Chinese and English. */
export function refusedAddressKind(address: string): [zh: string, en: string] | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // `process` turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 address it carries.
    parsed = ipaddr.process(address.replace(/^\[(.*)\]$/, '$1'));
  } catch {
    return ['无法识别的地址', 'unparsable'];
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return RANGE_NAMES[range] ?? ['特殊用途地址', `special-purpose (${range})`];
}

function bareHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

function isAllowed(host: string, policy: WebhookAddressPolicy): boolean {
  return policy.allowedHosts.includes(host.toLowerCase());
}

/**
 * The checks that need no DNS: http(s) only, no credentials, and an IP literal (in any of the
 * decimal, octal or hex forms, which the WHATWG parser normalises) must be public.
 */
export function checkWebhookUrl(raw: string, policy: WebhookAddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookAddressError('网址格式不正确。The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookAddressError(
      `网址必须以 http:// 或 https:// 开头。The webhook URL must use http or https, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new WebhookAddressError(
      '网址中不能包含用户名或密码，请使用签名密钥。The webhook URL must not carry credentials (user:pass@); use the signing secret.',
    );
  }
  const host = bareHost(url);
  if (!isAllowed(host, policy) && isIP(host)) {
    const kind = refusedAddressKind(host);
    if (kind) throw refusal(host, kind);
  }
  return url;
}

function refusal(host: string, [zh, en]: [string, string], resolvedTo?: string): WebhookAddressError {
  const where = resolvedTo ? `${host} 解析到 ${resolvedTo}` : host;
  const whereEn = resolvedTo ? `${host} resolves to ${resolvedTo}, ` : `${host} is `;
  return new WebhookAddressError(
    `不能向${zh}推送（${where}）：协同只向公网地址推送消息，确需使用请管理员在 WEBHOOK_ALLOWED_HOSTS 中放行该主机。` +
      `Refused: ${whereEn}a ${en} address; only public addresses receive webhooks unless an administrator lists the host in WEBHOOK_ALLOWED_HOSTS.`,
  );
}

function firstRefused(host: string, addresses: readonly LookupAddress[]): WebhookAddressError | null {
  for (const { address } of addresses) {
    const kind = refusedAddressKind(address);
    if (kind) return refusal(host, kind, address);
  }
  return null;
}

/**
 * `lookup` for http(s).request: resolves the name, refuses it when any address is not public, and
 * hands the connection exactly the addresses it checked, so DNS cannot answer differently between
 * the check and the connect (rebinding).
 */
export function guardedLookup(policy: WebhookAddressPolicy): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error);
      const refused = isAllowed(hostname, policy) ? null : firstRefused(hostname, addresses);
      if (refused) return callback(refused);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/**
 * At registration: the URL checks, then the name's current addresses. A name that does not
 * resolve (yet) is accepted; the send-time check still applies to whatever it resolves to then.
 */
export async function assertWebhookUrlAllowed(raw: string, policy: WebhookAddressPolicy): Promise<URL> {
  const url = checkWebhookUrl(raw, policy);
  const host = bareHost(url);
  if (isIP(host) || isAllowed(host, policy)) return url;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  const refused = firstRefused(host, addresses);
  if (refused) throw refused;
  return url;
}
