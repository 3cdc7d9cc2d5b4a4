/**
 * What a failed delivery's stored `last_error` means, in words an administrator can act on.
 *
 * The channels store the failure as they met it (see `NotificationDeliveryError`): our sentence,
 * then the server's own reply for mail (`550 5.1.1 <x@y>: Recipient address rejected`), the HTTP
 * status and category for webhooks, a robot's numeric error code, and the deliverer's note on
 * retrying. That is right for a log and wrong for a screen; this reads it back into one reason
 * and a short zh-CN sentence. Rows written before this existed read the same way, since it works
 * from the stored text alone.
 */

export const DELIVERY_FAILURE_REASONS = [
  'mailbox_not_found',
  'mail_domain_not_found',
  'mail_address_invalid',
  'mailbox_disabled',
  'mailbox_full',
  'mail_too_large',
  'mail_blocked_by_policy',
  'mail_refused',
  'mail_deferred',
  'smtp_login_refused',
  'smtp_unreachable',
  'no_email_address',
  'webhook_not_found',
  'webhook_redirect',
  'webhook_request_refused',
  'webhook_rate_limited',
  'webhook_server_error',
  'webhook_timeout',
  'webhook_unreachable',
  'webhook_address_refused',
  'webhook_removed',
  'robot_refused',
  'robot_not_json',
  'unknown',
] as const;

export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];

/** The sentence for each reason; `{code}` and `{status}` are filled from the stored text. */
export const DELIVERY_FAILURE_TEXT: Readonly<Record<DeliveryFailureReason, string>> = {
  mailbox_not_found: '收件服务器拒收：邮箱不存在',
  mail_domain_not_found: '收件服务器拒收：邮箱域名不存在或不收邮件',
  mail_address_invalid: '收件服务器拒收：邮箱地址格式不对',
  mailbox_disabled: '收件服务器拒收：邮箱已停用',
  mailbox_full: '收件服务器拒收：邮箱已满',
  mail_too_large: '收件服务器拒收：邮件太大',
  mail_blocked_by_policy: '收件服务器拒收：被对方的安全策略拦截（可能被当作垃圾邮件）',
  mail_refused: '收件服务器拒收（SMTP {code}）',
  mail_deferred: '收件服务器暂时不收（如灰名单或邮箱繁忙），系统会自动再试',
  smtp_login_refused: '发件邮箱登录失败：请检查 SMTP_URL 中的用户名和密码',
  smtp_unreachable: '连不上发件邮件服务器：请检查 SMTP_URL 和网络',
  no_email_address: '收件人没有邮箱地址：请在用户管理中补上',
  webhook_not_found: '推送地址不存在：机器人可能已被移除，请检查网址',
  webhook_redirect: '推送地址要求跳转到别处：请填写跳转后的最终地址',
  webhook_request_refused: '接收方拒绝了请求（HTTP {status}）：请检查网址和签名密钥',
  webhook_rate_limited: '接收方繁忙或限流：系统会自动再试',
  webhook_server_error: '接收方服务器出错（HTTP {status}）：系统会自动再试',
  webhook_timeout: '接收方长时间没有应答：系统会自动再试',
  webhook_unreachable: '连不上推送地址：请检查网址和网络',
  webhook_address_refused: '推送地址不允许：只能向公网地址推送，请检查网址',
  webhook_removed: '推送地址已被删除',
  robot_refused: '机器人拒收了消息（错误码 {code}）',
  robot_not_json: '对方的回复不是机器人的格式：这可能不是机器人地址',
  unknown: '发送失败',
};

/**
 * Error codes the robots document for a refusal that a person can fix, by code. Codes not listed
 * keep the general sentence with the number, which the robot's documentation explains.
 */
const ROBOT_CODES: Readonly<Record<string, string>> = {
  // WeCom (企业微信)
  '93000': '机器人拒收：机器人地址无效或机器人已被移出群聊',
  '45009': '机器人拒收：发送太频繁，系统会自动再试',
  // DingTalk (钉钉)
  '310000': '机器人拒收：签名、关键词或 IP 校验未通过，请检查机器人的安全设置',
  '130101': '机器人拒收：发送太频繁，系统会自动再试',
  // Feishu (飞书)
  '19021': '机器人拒收：签名校验失败，请检查签名密钥',
  '19024': '机器人拒收：消息不含机器人设置的关键词',
  '11232': '机器人拒收：发送太频繁，系统会自动再试',
};

export interface DeliveryFailureExplanation {
  reason: DeliveryFailureReason;
  /** zh-CN, one line. */
  text: string;
}

const fill = (
  reason: DeliveryFailureReason,
  values: Record<string, string> = {},
): DeliveryFailureExplanation => ({
  reason,
  text: DELIVERY_FAILURE_TEXT[reason].replace(/\{(\w+)\}/g, (_all, key: string) => values[key] ?? '?'),
});

/** RFC 3463 enhanced status codes (`5.1.1`), the most precise part of an SMTP refusal. */
function enhancedReason(klass: string, subject: string, detail: string): DeliveryFailureReason | null {
  const code = `${subject}.${detail}`;
  // A 4.x.x is temporary whatever its subject (greylisting says 4.7.1): the retry may well pass.
  if (klass === '4') return code === '2.2' ? 'mailbox_full' : 'mail_deferred';
  if (code === '1.1' || code === '1.6') return 'mailbox_not_found';
  if (code === '1.2' || code === '1.10') return 'mail_domain_not_found';
  if (code === '1.3') return 'mail_address_invalid';
  if (code === '2.1') return 'mailbox_disabled';
  if (code === '2.2') return 'mailbox_full';
  if (code === '2.3' || code === '3.4') return 'mail_too_large';
  if (subject === '7') return 'mail_blocked_by_policy';
  return null;
}

const MAILBOX_WORDS =
  /user unknown|unknown user|no such user|does not exist|mailbox not found|mailbox unavailable|recipient (address )?rejected|invalid recipient|not exist/i;

function smtpReply(stored: string): DeliveryFailureExplanation {
  const code = /SMTP (\d{3})/.exec(stored)?.[1] ?? '';
  // The enhanced code follows the basic one in the server's reply: "550 5.1.1 …", "552-5.2.2 …".
  const enhanced = /\b\d{3}[ -]([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(stored);
  if (enhanced) {
    const reason = enhancedReason(enhanced[1], enhanced[2], enhanced[3]);
    if (reason) return fill(reason);
  }
  if (code.startsWith('4')) return code === '452' ? fill('mailbox_full') : fill('mail_deferred');
  if (code === '552') return fill('mailbox_full');
  if (code === '553' || code === '501') return fill('mail_address_invalid');
  if (code === '556') return fill('mail_domain_not_found');
  if ((code === '550' || code === '551') && MAILBOX_WORDS.test(stored)) return fill('mailbox_not_found');
  if (code === '554' && /spam|blocked|policy|reject/i.test(stored)) return fill('mail_blocked_by_policy');
  return fill('mail_refused', { code: code || '5xx' });
}

/** The reason and zh-CN sentence for a stored `last_error`. */
export function explainDeliveryFailure(stored: string | null | undefined): DeliveryFailureExplanation {
  const text = stored ?? '';
  if (/（SMTP \d{3}/.test(text)) return smtpReply(text);
  if (text.includes('登录被拒绝')) return fill('smtp_login_refused');
  if (text.startsWith('无法连接邮件服务器')) return fill('smtp_unreachable');
  if (text.startsWith('The recipient has no email address')) return fill('no_email_address');
  if (text.startsWith('The webhook endpoint was removed')) return fill('webhook_removed');
  if (/只向公网地址推送|网址格式不正确|网址必须以|网址中不能包含/.test(text))
    return fill('webhook_address_refused');

  const status = /回复 HTTP (\d{3})/.exec(text)?.[1];
  if (status) {
    const n = Number(status);
    if (n >= 300 && n < 400) return fill('webhook_redirect');
    if (n === 404 || n === 410) return fill('webhook_not_found');
    if (n === 408 || n === 429) return fill('webhook_rate_limited');
    if (n >= 400 && n < 500) return fill('webhook_request_refused', { status });
    return fill('webhook_server_error', { status });
  }
  const robotCode = /拒收了消息（错误码 (-?\d+|\?)）/.exec(text)?.[1];
  if (robotCode) {
    const known = ROBOT_CODES[robotCode];
    return known ? { reason: 'robot_refused', text: known } : fill('robot_refused', { code: robotCode });
  }
  if (text.includes('的回复不是 JSON')) return fill('robot_not_json');
  if (text.includes('毫秒内无应答')) return fill('webhook_timeout');
  if (text.includes('无法连接：')) return fill('webhook_unreachable');
  // Something no channel writes today: our first sentence, if it has one, is still better than nothing.
  const sentence = /^[^。]*[\u4e00-\u9fff][^。]*。/.exec(text)?.[0];
  return {
    reason: 'unknown',
    text: sentence
      ? `${DELIVERY_FAILURE_TEXT.unknown}：${sentence.slice(0, -1)}`
      : DELIVERY_FAILURE_TEXT.unknown,
  };
}
