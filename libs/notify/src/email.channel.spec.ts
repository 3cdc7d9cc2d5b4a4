import { EmailChannel } from './email.channel';

describe('EmailChannel', () => {
  it.each([
    ['http://mail.example.cn', 'SMTP_URL must start with smtp:// or smtps://, got http://'],
    ['mail.example.cn port 25', 'SMTP_URL must be a URL such as smtp://localhost:1025'],
  ])('refuses %s when it is built', (smtpUrl, message) => {
    expect(() => new EmailChannel({ smtpUrl, from: 'a@b.cn' })).toThrow(message);
  });
});
