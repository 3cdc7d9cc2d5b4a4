import {
  DELIVERY_FAILURE_REASONS,
  DELIVERY_FAILURE_TEXT,
  explainDeliveryFailure,
} from './delivery-failure-reason';
import { checkWebhookUrl } from './webhook-address';

// As the deliverer stores them: the channel's sentence (email.channel.ts, webhook.channel.ts), then its retry note.
const NOT_RETRIED = ' 不再重试。Not retried.';
const RETRIED = ' 系统将自动重试。Will be retried.';
const refused = (code: number, reply: string) =>
  `邮件服务器拒收发给 li@gx.gov.cn 的邮件（SMTP ${code}），地址可能不存在。The mail server refused mail to li@gx.gov.cn: ${reply}${NOT_RETRIED}`;
const deferred = (code: number, reply: string) =>
  `邮件服务器暂不接收发给 li@gx.gov.cn 的邮件（SMTP ${code}，如灰名单或邮箱繁忙）。The mail server deferred mail to li@gx.gov.cn: ${reply}${RETRIED}`;
const robot = (zh: string, en: string) =>
  `企业微信机器人（qyapi.weixin.qq.com）${zh}。WeCom robot at qyapi.weixin.qq.com ${en}.`;

describe(explainDeliveryFailure.name, () => {
  it.each([
    [
      refused(550, '550 5.1.1 <li@gx.gov.cn>: Recipient address rejected: User unknown'),
      'mailbox_not_found',
      '收件服务器拒收：邮箱不存在',
    ],
    [refused(550, '550 Mailbox not found'), 'mailbox_not_found', '收件服务器拒收：邮箱不存在'],
    [
      refused(550, '550-5.1.1 The email account that you tried to reach does not exist.'),
      'mailbox_not_found',
      '收件服务器拒收：邮箱不存在',
    ],
    [
      refused(550, '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found'),
      'mail_domain_not_found',
      '收件服务器拒收：邮箱域名不存在或不收邮件',
    ],
    [
      refused(553, '553 5.1.3 Bad recipient address syntax'),
      'mail_address_invalid',
      '收件服务器拒收：邮箱地址格式不对',
    ],
    [refused(550, '550 5.2.1 Mailbox disabled'), 'mailbox_disabled', '收件服务器拒收：邮箱已停用'],
    [refused(552, '552 5.2.2 Mailbox full'), 'mailbox_full', '收件服务器拒收：邮箱已满'],
    [
      refused(552, '552 5.3.4 Message size exceeds fixed limit'),
      'mail_too_large',
      '收件服务器拒收：邮件太大',
    ],
    [
      refused(554, '554 5.7.1 Message rejected as spam'),
      'mail_blocked_by_policy',
      '收件服务器拒收：被对方的安全策略拦截（可能被当作垃圾邮件）',
    ],
    [refused(554, '554 Transaction failed'), 'mail_refused', '收件服务器拒收（SMTP 554）'],
    [
      deferred(451, '451 4.7.1 Greylisted, please try again later'),
      'mail_deferred',
      '收件服务器暂时不收（如灰名单或邮箱繁忙），系统会自动再试',
    ],
    [
      deferred(450, '450 Mailbox busy'),
      'mail_deferred',
      '收件服务器暂时不收（如灰名单或邮箱繁忙），系统会自动再试',
    ],
    [
      `无法连接邮件服务器发送给 li@gx.gov.cn 的邮件：登录被拒绝，请检查 SMTP_URL 中的用户名和密码。Mail to li@gx.gov.cn could not be sent: login refused.${RETRIED}`,
      'smtp_login_refused',
      '发件邮箱登录失败：请检查 SMTP_URL 中的用户名和密码',
    ],
    [
      `无法连接邮件服务器发送给 li@gx.gov.cn 的邮件：连接被拒绝。Mail to li@gx.gov.cn could not be sent: connection refused. 已持续失败 24 小时，系统仍每 5 分钟重试一次。Failing for 24 h; still retried every 5 min.`,
      'smtp_unreachable',
      '连不上发件邮件服务器：请检查 SMTP_URL 和网络',
    ],
    [
      `The recipient has no email address.${NOT_RETRIED}`,
      'no_email_address',
      '收件人没有邮箱地址：请在用户管理中补上',
    ],
    [`The webhook endpoint was removed.${NOT_RETRIED}`, 'webhook_removed', '推送地址已被删除'],
    [
      robot('回复 HTTP 404（地址不存在，请检查网址）', 'answered HTTP 404 (no such endpoint)'),
      'webhook_not_found',
      '推送地址不存在：机器人可能已被移除，请检查网址',
    ],
    [
      robot('回复 HTTP 302（要求重定向，协同不跟随重定向）', 'answered HTTP 302 (redirect, not followed)'),
      'webhook_redirect',
      '推送地址要求跳转到别处：请填写跳转后的最终地址',
    ],
    [
      robot('回复 HTTP 403（拒绝了请求，请检查网址和密钥）', 'answered HTTP 403 (request refused)'),
      'webhook_request_refused',
      '接收方拒绝了请求（HTTP 403）：请检查网址和签名密钥',
    ],
    [
      robot('回复 HTTP 429（暂时繁忙或限流）', 'answered HTTP 429 (busy or rate-limited)'),
      'webhook_rate_limited',
      '接收方繁忙或限流：系统会自动再试',
    ],
    [
      robot('回复 HTTP 502（接收方服务器错误）', 'answered HTTP 502 (server error)'),
      'webhook_server_error',
      '接收方服务器出错（HTTP 502）：系统会自动再试',
    ],
    [
      robot('无法连接：10000 毫秒内无应答', 'could not be reached: no answer within 10000 ms'),
      'webhook_timeout',
      '接收方长时间没有应答：系统会自动再试',
    ],
    [
      robot('无法连接：域名无法解析', 'could not be reached: host name not found'),
      'webhook_unreachable',
      '连不上推送地址：请检查网址和网络',
    ],
    [
      robot('拒收了消息（错误码 93000）', 'refused the message (error code 93000)'),
      'robot_refused',
      '机器人拒收：机器人地址无效或机器人已被移出群聊',
    ],
    [
      robot('拒收了消息（错误码 777）', 'refused the message (error code 777)'),
      'robot_refused',
      '机器人拒收了消息（错误码 777）',
    ],
    [
      robot('的回复不是 JSON，可能不是机器人地址', 'gave an answer that is not JSON; is this a robot URL?'),
      'robot_not_json',
      '对方的回复不是机器人的格式：这可能不是机器人地址',
    ],
  ])('reads %s', (stored, reason, text) => {
    expect(explainDeliveryFailure(stored)).toEqual({ reason, text });
  });

  it('reads the refusal of a private address as the address check words it', () => {
    let stored = '';
    try {
      checkWebhookUrl('http://10.0.0.8/hook', { allowedHosts: [] });
    } catch (error) {
      stored = (error as Error).message + NOT_RETRIED;
    }
    expect(explainDeliveryFailure(stored).reason).toBe('webhook_address_refused');
  });

  it('never shows a raw code as the whole story, and says something for text it does not know', () => {
    expect(explainDeliveryFailure('出了点意外。Something odd.')).toEqual({
      reason: 'unknown',
      text: '发送失败：出了点意外',
    });
    expect(explainDeliveryFailure('boom')).toEqual({ reason: 'unknown', text: '发送失败' });
    expect(explainDeliveryFailure(null).text).toBe('发送失败');
    expect(explainDeliveryFailure(refused(550, '550 5.1.1')).text).not.toMatch(/550|5\.1\.1/);
  });

  it('has a Chinese sentence for every reason', () => {
    for (const reason of DELIVERY_FAILURE_REASONS)
      expect(DELIVERY_FAILURE_TEXT[reason]).toMatch(/[\u4e00-\u9fff]/);
  });
});
