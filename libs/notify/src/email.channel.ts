import nodemailer, { type Transporter } from 'nodemailer';
import { NotificationDeliveryError } from './notification-delivery.error';

export interface EmailChannelOptions {
  /** `smtp://host:port`, `smtps://user:pass@host`; nodemailer query options such as `?pool=true` work too. */
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
}

/** Sends mail over SMTP; one instance keeps one transport, closed with `close()`. */
export class EmailChannel {
  private readonly transport: Transporter;

  constructor({ smtpUrl, from }: EmailChannelOptions) {
    let protocol: string;
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      throw new TypeError(
        'SMTP_URL must be a URL such as smtp://localhost:1025 or smtps://user:pass@mail.example.cn',
      );
    }
    if (protocol !== 'smtp:' && protocol !== 'smtps:') {
      throw new TypeError(`SMTP_URL must start with smtp:// or smtps://, got ${protocol}//`);
    }
    // Short timeouts: a stuck server should fail the delivery job, which retries, not hang it.
    this.transport = nodemailer.createTransport(
      { url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
      { from },
    );
  }

  /** Resolves to the Message-ID; throws `NotificationDeliveryError` with the server's reason. */
  async send(message: EmailMessage): Promise<string> {
    try {
      const info = await this.transport.sendMail(message);
      return info.messageId;
    } catch (error) {
      const recipients = [message.to].flat().join(', ');
      const responseCode = (error as { responseCode?: number }).responseCode;
      const reason = error instanceof Error ? error.message : String(error);
      throw new NotificationDeliveryError('email', `Mail to ${recipients} could not be sent: ${reason}`, {
        permanent: responseCode !== undefined && responseCode >= 500,
        cause: error,
      });
    }
  }

  close(): void {
    this.transport.close();
  }
}
