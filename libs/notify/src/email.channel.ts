import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { NotificationDeliveryError } from './notification-delivery.error';
import { SendOptions } from './send-options';

export interface EmailChannelOptions {
  /** `smtp://host:port`, `smtps://user:pass@host`. */
  smtpUrl: string;
  /** Sender, e.g. `"协同 Xietong" <noreply@xietong.example.cn>`. */
  from: string;
}

export interface EmailAttachment {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

export interface EmailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
  /** Extra headers, e.g. the notification id so receivers can recognise a message. */
  headers?: Record<string, string>;
  /**
   * `<…@…>`; the same for every attempt of one notification (see `notificationMessageId`), so a
   * mail sent again after a crash is one the receiving client shows once. A random one if absent.
   */
  messageId?: string;
}

/** The Message-ID of a notification's mail: derived from its id and the sender's domain, never random. */
export function notificationMessageId(notificationId: string, from: string): string {
  const domain = /@([^\s>@]+)>?\s*$/.exec(from)?.[1] ?? 'xietong.local';
  return `<${notificationId}.notification@${domain}>`;
}

// Short timeouts: a stuck server should fail the delivery job, which retries, not hang it.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/**
 * Sends mail over SMTP with one connection per message. It speaks to the server through
 * nodemailer's SMTP connection rather than a transport so it controls when the final dot is sent
 * (see `SendOptions.beforeAccept`).
 */
export class EmailChannel {
  private readonly server: { host: string; port: number; secure: boolean };
  private readonly auth?: { user: string; pass: string };

  constructor(private readonly options: EmailChannelOptions) {
    let url: URL;
    try {
      url = new URL(options.smtpUrl);
    } catch {
      throw new TypeError(
        'SMTP_URL must be a URL such as smtp://localhost:1025 or smtps://user:pass@mail.example.cn',
      );
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new TypeError(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
    }
    const secure = url.protocol === 'smtps:';
    this.server = { host: url.hostname, port: Number(url.port || (secure ? 465 : 25)), secure };
    if (url.username)
      this.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  }

  /** Resolves to the Message-ID; throws `NotificationDeliveryError` with the server's reason. */
  async send(message: EmailMessage, { beforeAccept }: SendOptions = {}): Promise<string> {
    const messageId = message.messageId ?? `<${randomUUID()}@xietong>`;
    const compiled = new MailComposer({ ...message, from: this.options.from, messageId }).compile();
    const raw = await compiled.build();
    const connection = new SMTPConnection({ ...this.server, ...TIMEOUTS });
    try {
      await new Promise<void>((resolve, reject) => {
        connection.once('error', reject);
        connection.connect(() => resolve());
      });
      const auth = this.auth;
      if (auth) {
        await new Promise<void>((resolve, reject) =>
          connection.login(auth, (error) => (error ? reject(error) : resolve())),
        );
      }
      const body = withheldEnd(raw, beforeAccept);
      await new Promise<void>((resolve, reject) =>
        connection.send(compiled.getEnvelope(), body, (error) => (error ? reject(error) : resolve())),
      );
      connection.quit();
      return messageId;
    } catch (error) {
      // Dropping the connection mid-DATA is what makes the server discard a withheld message.
      connection.close();
      throw smtpFailure([message.to].flat().join(', '), error);
    }
  }
}

const SMTP_NETWORK_REASONS: Record<string, [zh: string, en: string]> = {
  ECONNREFUSED: ['连接被拒绝', 'connection refused'],
  ECONNRESET: ['连接被重置', 'connection reset'],
  ETIMEDOUT: ['连接超时', 'timed out'],
  ENOTFOUND: ['服务器域名无法解析', 'server host name not found'],
  EAUTH: [
    '登录被拒绝，请检查 SMTP_URL 中的用户名和密码',
    'login refused; check the user and password in SMTP_URL',
  ],
};

/**
 * The failure in words, Chinese first. A 5xx reply (550 no such user, 552 too large) is permanent:
 * the same mail would be refused again. Everything else is transient and retried: the server down
 * or unreachable, a 4xx reply (greylisting, mailbox busy), a login our configuration got wrong.
 */
function smtpFailure(recipients: string, error: unknown): NotificationDeliveryError {
  const { responseCode, code, response } = error as {
    responseCode?: number;
    code?: string;
    response?: string;
  };
  const reply = String(response ?? (error instanceof Error ? error.message : error)).slice(0, 200);
  if (responseCode !== undefined && responseCode >= 500) {
    return new NotificationDeliveryError(
      'email',
      `邮件服务器拒收发给 ${recipients} 的邮件（SMTP ${responseCode}），地址可能不存在。` +
        `The mail server refused mail to ${recipients}: ${reply}`,
      { permanent: true, cause: error },
    );
  }
  if (responseCode !== undefined && responseCode >= 400) {
    return new NotificationDeliveryError(
      'email',
      `邮件服务器暂不接收发给 ${recipients} 的邮件（SMTP ${responseCode}，如灰名单或邮箱繁忙）。` +
        `The mail server deferred mail to ${recipients}: ${reply}`,
      { cause: error },
    );
  }
  // nodemailer wraps socket errors as ESOCKET; the system's code (ECONNREFUSED …) is in the message.
  const known = Object.keys(SMTP_NETWORK_REASONS).find((name) => name === code || reply.includes(name));
  const [zh, en] = known ? SMTP_NETWORK_REASONS[known] : ['网络错误', reply];
  return new NotificationDeliveryError(
    'email',
    `无法连接邮件服务器发送给 ${recipients} 的邮件：${zh}。Mail to ${recipients} could not be sent: ${en}.`,
    { cause: error },
  );
}

/**
 * The message as a stream the SMTP connection reads only after the server accepted DATA; its end
 * (which makes the connection send the final dot) waits for `beforeAccept`.
 */
function withheldEnd(raw: Buffer, beforeAccept: SendOptions['beforeAccept']): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      this.push(raw);
      // Let the bytes reach the socket before the caller commits to having sent them.
      setImmediate(() => {
        (beforeAccept ?? (async () => undefined))().then(
          () => this.push(null),
          (error: unknown) => this.destroy(error as Error),
        );
      });
    },
  });
}
