/**
 * Every action the audit log records, with the name people read in the 操作记录 (Chinese first).
 * `recordAudit` takes only these, so an action cannot be written without a label; the spec beside
 * this file also reads the source for action names, in case a string slips past the type.
 */
export const AUDIT_ACTION_LABELS = {
  'work_item.changed': ['修改事项', 'Item changed'],
  'work_item.update_posted': ['反馈进展', 'Update posted'],
  'work_item.sub_item_added': ['添加子事项', 'Sub-item added'],
  'work_item.progress_rolled_up': ['按子事项更新进度', 'Progress rolled up from sub-items'],
  'work_item.extension_requested': ['申请延期', 'Extension requested'],
  'work_item.extension_approved': ['批准延期', 'Extension approved'],
  'work_item.extension_rejected': ['驳回延期', 'Extension refused'],
  'work_item.deadline_extended': ['截止日期延后', 'Deadline extended'],
  'work_item.accepted': ['销号', 'Accepted'],
  'work_item.sent_back': ['退回', 'Sent back'],
  'attachment.uploaded': ['上传佐证材料', 'Evidence uploaded'],
  'plan.imported': ['导入规划', 'Plan imported'],
  'plan.reimported': ['重新导入规划', 'Plan re-imported'],
  'plan.import_corrected': ['导入时更正', 'Import corrected'],
  'plan.managers_set': ['设置规划负责人', 'Plan managers set'],
  'plan.settings_changed': ['修改规划设置', 'Plan settings changed'],
  'report.requested': ['生成报告', 'Report requested'],
  'report_schedule.created': ['新建定时报告', 'Report schedule created'],
  'report_schedule.updated': ['修改定时报告', 'Report schedule changed'],
  'report_schedule.deleted': ['删除定时报告', 'Report schedule deleted'],
  'user.created': ['新建用户', 'User created'],
  'user.changed': ['修改用户', 'User changed'],
  'user.settings_changed': ['修改个人设置', 'Own settings changed'],
  'organization.created': ['新建单位', 'Organization created'],
  'organization.changed': ['修改单位', 'Organization changed'],
  'webhook.created': ['添加群机器人', 'Group robot added'],
  'webhook.removed': ['删除群机器人', 'Group robot removed'],
  'notification.retried': ['重新发送通知', 'Delivery retried'],
} as const satisfies Record<string, readonly [zh: string, en: string]>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

/** The action's name in the reader's language; an unknown one (from an older release) as stored. */
export function auditActionLabel(action: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action][locale === 'en' ? 1 : 0] : action;
}

/**
 * What the fields of an entry's before/after are called, for the changes column. Fields not
 * listed are shown by their name.
 */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  ownerId: ['负责人', 'Owner'],
  organizationId: ['单位', 'Organization'],
  deadline: ['截止日期', 'Deadline'],
  originalDeadline: ['原截止日期', 'Original deadline'],
  requestedDeadline: ['申请延至', 'Requested deadline'],
  status: ['状态', 'Status'],
  progress: ['进度', 'Progress'],
  priority: ['优先级', 'Priority'],
  title: ['标题', 'Title'],
  text: ['内容', 'Text'],
  reason: ['理由', 'Reason'],
  note: ['意见', 'Note'],
  reviewState: ['审核', 'Review'],
  extensionCount: ['延期次数', 'Extensions'],
  version: ['版本', 'Version'],
  displayName: ['姓名', 'Name'],
  email: ['邮箱', 'Email'],
  role: ['角色', 'Role'],
  active: ['启用', 'Active'],
  locale: ['语言', 'Language'],
  timeZone: ['时区', 'Time zone'],
  notificationPreferences: ['通知设置', 'Notifications'],
  managerIds: ['规划负责人', 'Plan managers'],
  name: ['名称', 'Name'],
  code: ['代码', 'Code'],
  kind: ['类型', 'Kind'],
  shortNames: ['简称', 'Short names'],
  aliases: ['别名', 'Aliases'],
  parentId: ['上级单位', 'Parent'],
  verified: ['已核实', 'Verified'],
  province: ['所属省份', 'Province'],
  fileName: ['文件名', 'File name'],
  state: ['状态', 'State'],
  lastError: ['最后错误', 'Last error'],
  failureKind: ['失败类型', 'Failure'],
  rows: ['条数', 'Rows'],
  channels: ['渠道', 'Channels'],
  dailyDigest: ['每日汇总', 'Daily digest'],
  coLeadUpdates: ['其他牵头单位的反馈', 'Other lead units’ updates'],
  tasks: ['任务数', 'Tasks'],
  chapters: ['章节数', 'Chapters'],
  leadUnits: ['牵头单位数', 'Lead units'],
  supportUnits: ['配合单位数', 'Supporting units'],
  workItems: ['事项数', 'Work items'],
  workItemsCreated: ['新建事项数', 'Items created'],
  indicators: ['指标数', 'Indicators'],
  corrections: ['更正数', 'Corrections'],
  droppedTasks: ['删去的任务数', 'Tasks dropped'],
  deadlinesKept: ['保留的截止日期', 'Deadlines kept'],
  deadlinesMoved: ['调整的截止日期', 'Deadlines moved'],
  unknownOrganizations: ['未识别的单位', 'Unknown organizations'],
  sha256: ['SHA-256', 'SHA-256'],
  size: ['大小', 'Size'],
  formats: ['格式', 'Formats'],
  cron: ['时间表', 'Schedule'],
  recipientIds: ['接收人', 'Recipients'],
  planId: ['规划', 'Plan'],
  url: ['地址', 'URL'],
  format: ['类型', 'Type'],
  enabled: ['启用', 'Enabled'],
  responsibility: ['角色', 'Role'],
};

/** Stored values of enumerated fields, by field, as people read them. Others are shown as stored. */
export const AUDIT_VALUE_LABELS: Readonly<
  Record<string, Readonly<Record<string, readonly [zh: string, en: string]>>>
> = {
  priority: {
    low: ['低', 'low'],
    normal: ['普通', 'normal'],
    high: ['高', 'high'],
    urgent: ['紧急', 'urgent'],
  },
  state: {
    pending: ['待处理', 'pending'],
    sending: ['发送中', 'sending'],
    sent: ['已发送', 'sent'],
    failed: ['发送失败', 'failed'],
    approved: ['已批准', 'approved'],
    rejected: ['已驳回', 'rejected'],
  },
  reviewState: { pending: ['待审核', 'to review'], accepted: ['已销号', 'accepted'] },
  failureKind: { permanent: ['不再重试', 'permanent'], transient: ['可重试', 'transient'] },
  channels: { email: ['邮件', 'email'], in_app: ['站内', 'in-app'], webhook: ['群机器人', 'robot'] },
  coLeadUpdates: { digest: ['并入每日汇总', 'in the digest'], each: ['每条都发', 'each one'] },
  responsibility: { lead: ['牵头', 'lead'], support: ['配合', 'supporting'] },
};
