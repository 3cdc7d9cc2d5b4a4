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
    const messageId = `<${randomUUID()}@xietong>`;
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
      const recipients = [message.to].flat().join(', ');
      const responseCode = (error as { responseCode?: number }).responseCode;
      const reason = error instanceof Error ? error.message : String(error);
      throw new NotificationDeliveryError('email', `Mail to ${recipients} could not be sent: ${reason}`, {
        permanent: responseCode !== undefined && responseCode >= 500,
        cause: error,
      });
    }
  }
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
