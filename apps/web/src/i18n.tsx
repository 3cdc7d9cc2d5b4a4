import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Locale = 'zh-CN' | 'en';

/** Every text the app shows, Chinese first: the users read Chinese; English is for visitors. */
const MESSAGES = {
  'app.name': ['协同', 'Xietong'],
  'app.tagline': ['跨省区域规划协同', 'Cross-province plan collaboration'],
  'nav.myWork': ['我的工作', 'My work'],
  'nav.plans': ['规划', 'Plans'],
  'nav.import': ['导入规划', 'Import plan'],
  'nav.reports': ['报告', 'Reports'],
  'nav.admin': ['管理', 'Admin'],
  'nav.users': ['用户', 'Users'],
  'nav.organizations': ['单位', 'Organizations'],
  'nav.failedDeliveries': ['发送失败', 'Failed deliveries'],
  'nav.logout': ['退出登录', 'Sign out'],
  'nav.language': ['English', '中文'],
  'common.loading': ['加载中…', 'Loading…'],
  'common.empty': ['暂无数据', 'Nothing here'],
  'common.retry': ['重试', 'Retry'],
  'common.save': ['保存', 'Save'],
  'common.cancel': ['取消', 'Cancel'],
  'common.search': ['搜索', 'Search'],
  'common.all': ['全部', 'All'],
  'common.open': ['打开', 'Open'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.saved': ['已保存', 'Saved'],
  'common.total': ['共 {total} 条', '{total} in all'],
  'common.errorTitle': ['操作未完成', 'That did not work'],
  'login.title': ['登录', 'Sign in'],
  'login.email': ['邮箱', 'Email'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.emailRequired': ['请输入邮箱', 'Enter your email'],
  'login.passwordRequired': ['请输入密码', 'Enter your password'],
  'login.failed': ['邮箱或密码不正确', 'Wrong email or password'],
  'myWork.title': ['我的工作', 'My work'],
  'myWork.subtitle': ['{organization}的事项', 'Items of {organization}'],
  'myWork.dueSoon': ['即将到期', 'Due soon'],
  'myWork.overdue': ['已逾期', 'Overdue'],
  'myWork.blocked': ['受阻', 'Blocked'],
  'myWork.recent': ['最近更新', 'Recently updated'],
  'myWork.all': ['全部事项', 'All items'],
  'myWork.postUpdate': ['反馈进展', 'Post update'],
  'myWork.searchPlaceholder': ['按事项或任务标题搜索', 'Search item or task title'],
  'item.title': ['事项', 'Item'],
  'item.task': ['任务', 'Task'],
  'item.plan': ['规划', 'Plan'],
  'item.organization': ['单位', 'Organization'],
  'item.owner': ['负责人', 'Owner'],
  'item.noOwner': ['未指派', 'Unassigned'],
  'item.deadline': ['截止日期', 'Deadline'],
  'item.status': ['状态', 'Status'],
  'item.progress': ['进度', 'Progress'],
  'item.light': ['红绿灯', 'Light'],
  'item.lastUpdate': ['最近反馈', 'Latest update'],
  'item.daysLeft': ['剩 {days} 天', '{days} days left'],
  'item.daysOverdue': ['逾期 {days} 天', '{days} days overdue'],
  'item.dueToday': ['今天到期', 'Due today'],
  'item.assign': ['指派与状态', 'Assignment and status'],
  'item.assignToMe': ['指派给我', 'Assign to me'],
  'item.subItems': ['子事项（里程碑）', 'Sub-items (milestones)'],
  'item.addSubItem': ['添加子事项', 'Add sub-item'],
  'item.subItemTitle': ['子事项名称', 'Sub-item title'],
  'item.threads': ['各单位进展反馈', 'Updates from every organization'],
  'item.thisItem': ['本单位', 'This item'],
  'item.noItem': ['该单位暂无事项', 'No item for this unit'],
  'item.audit': ['操作记录', 'Audit trail'],
  'item.auditRestricted': ['操作记录仅管理员和规划负责人可见。', 'Only admins and plan managers see the audit trail.'],
  'item.updated': ['事项已更新', 'Item updated'],
  'item.nothingChanged': ['没有改动需要保存。', 'Nothing changed to save.'],
  'item.changedMeanwhile': ['您打开后，这个事项已被修改：', 'This item changed since you opened it:'],
  'item.keptYourValues': ['您填写的内容都已保留；确认无误后可在最新版本上保存您的修改。', 'Everything you typed is kept; save your changes on the latest version when ready.'],
  'item.saveOnLatest': ['在最新版本上保存', 'Use latest version'],
  'item.otherOwner': ['其他人', 'someone else'],
  'item.progressRange': ['进度须是 0 到 100 之间的整数。', 'Progress must be a whole number from 0 to 100.'],
  'update.textTooLong': ['反馈最多 {max} 字，现在是 {length} 字；请精简后再提交。', 'An update has at most {max} characters; this one has {length}.'],
  'item.conflict': ['该事项已被他人修改，已重新加载最新内容，请再试一次。', 'Someone else changed this item; it has been reloaded, please try again.'],
  'status.not_started': ['未开始', 'Not started'],
  'status.in_progress': ['进行中', 'In progress'],
  'status.blocked': ['受阻', 'Blocked'],
  'status.done': ['已完成', 'Done'],
  'status.cancelled': ['已取消', 'Cancelled'],
  'light.green': ['正常', 'On track'],
  'light.yellow': ['预警', 'At risk'],
  'light.red': ['滞后', 'Late'],
  'light.grey': ['已取消', 'Cancelled'],
  'update.title': ['反馈进展', 'Post an update'],
  'update.text': ['进展情况', 'What happened'],
  'update.textRequired': ['请填写进展情况', 'Describe the progress'],
  'update.progress': ['当前进度 (%)', 'Progress (%)'],
  'update.status': ['状态', 'Status'],
  'update.submit': ['提交反馈', 'Post update'],
  'update.posted': ['进展已反馈', 'Update posted'],
  'update.empty': ['暂无反馈', 'No updates yet'],
  'plans.title': ['规划', 'Plans'],
  'plans.tasks': ['任务', 'Tasks'],
  'plans.items': ['事项', 'Items'],
  'plans.period': ['规划期', 'Period'],
  'plans.issuer': ['印发单位', 'Issuer'],
  'plan.tabTasks': ['任务清单', 'Tasks'],
  'plan.tabMatrix': ['省份 × 任务', 'Province × task'],
  'plan.tabReports': ['报告', 'Reports'],
  'plan.chapter': ['章节', 'Chapter'],
  'plan.allChapters': ['全部章节', 'All chapters'],
  'plan.leadProvinces': ['牵头省份', 'Lead provinces'],
  'plan.leadMinistries': ['牵头部委', 'Lead ministries'],
  'plan.inherited': ['继承', 'inherited'],
  'plan.progressByProvince': ['各省份平均进度', 'Mean progress by province'],
  'plan.matrixHint': ['每格一个事项，颜色为红绿灯；点击打开事项。', 'One item per cell, coloured by traffic light; click to open.'],
  'plan.unverified': ['未核实', 'unverified'],
  'import.title': ['导入规划', 'Import a plan'],
  'import.text': ['规划全文', 'Plan text'],
  'import.textHint': ['粘贴规划正文，或上传文本文件（UTF-8 或 GB18030）。', 'Paste the plan, or upload a text file (UTF-8 or GB18030).'],
  'import.upload': ['上传文件', 'Upload file'],
  'import.titleOverride': ['规划名称（可选，默认取第一行）', 'Title (optional; defaults to the first line)'],
  'import.preview': ['预览', 'Preview'],
  'import.confirm': ['确认导入', 'Import'],
  'import.needText': ['请粘贴规划正文或上传文件', 'Paste the plan text or upload a file'],
  'import.summary': ['解析结果', 'What was read'],
  'import.chapters': ['章节', 'Chapters'],
  'import.leadUnits': ['牵头单位', 'Lead units'],
  'import.indicators': ['指标', 'Indicators'],
  'import.unknown': ['未识别的单位（导入后为未核实单位）', 'Unknown organizations (created unverified)'],
  'import.diagnostics': ['诊断信息', 'Diagnostics'],
  'import.line': ['行', 'Line'],
  'import.severity': ['级别', 'Severity'],
  'import.message': ['说明', 'Message'],
  'import.inheritedTasks': ['牵头省份继承自“以下任务均需…落实”说明的任务', 'Tasks whose lead provinces are inherited from a note'],
  'import.done': ['已导入，新建 {count} 个事项', 'Imported; {count} work items created'],
  'import.fileChosen': ['已选择文件：{name}', 'File chosen: {name}'],
  'reports.title': ['报告', 'Reports'],
  'reports.choosePlan': ['选择规划', 'Choose a plan'],
  'reports.generate': ['生成报告', 'Generate report'],
  'reports.formats': ['格式', 'Formats'],
  'reports.state.queued': ['排队中', 'Queued'],
  'reports.state.running': ['生成中', 'Building'],
  'reports.state.done': ['已完成', 'Ready'],
  'reports.state.failed': ['失败', 'Failed'],
  'reports.preview': ['报告预览', 'Preview'],
  'reports.download': ['下载 {format}', 'Download {format}'],
  'reports.history': ['历史报告', 'History'],
  'reports.change': ['较上次变化', 'Change since last time'],
  'reports.createdAt': ['生成时间', 'Created'],
  'reports.schedules': ['定时报告', 'Schedules'],
  'reports.addSchedule': ['新建定时报告', 'New schedule'],
  'reports.when': ['发送时间', 'When'],
  'reports.recipients': ['收件人', 'Recipients'],
  'reports.timezone': ['时区', 'Time zone'],
  'reports.noSchedules': ['尚无定时报告', 'No schedules yet'],
  'reports.deleted': ['已删除', 'Deleted'],
  'reports.delete': ['删除', 'Delete'],
  'reports.customCron': ['自定义：{cron}', 'Custom: {cron}'],
  'cron.mondayMorning': ['每周一 09:00', 'Every Monday 09:00'],
  'cron.fridayAfternoon': ['每周五 17:00', 'Every Friday 17:00'],
  'cron.weekdayMorning': ['每个工作日 09:00', 'Every weekday 09:00'],
  'cron.monthFirst': ['每月1日 09:00', '1st of every month 09:00'],
  'cron.monthEnd': ['每月25日 09:00', '25th of every month 09:00'],
  'figure.items': ['事项总数', 'Items'],
  'figure.done': ['已完成', 'Done'],
  'figure.inProgress': ['进行中', 'In progress'],
  'figure.notStarted': ['未开始', 'Not started'],
  'figure.blocked': ['受阻', 'Blocked'],
  'figure.cancelled': ['已取消', 'Cancelled'],
  'figure.overdue': ['逾期', 'Overdue'],
  'figure.averageProgress': ['平均进度', 'Mean progress'],
  'reports.nextRun': ['下次发送', 'Next run'],
  'reports.firstRun': ['首次', 'first run'],
  'reports.scheduleCreated': ['定时报告已创建', 'Schedule created'],
  'notifications.title': ['通知', 'Notifications'],
  'notifications.empty': ['没有通知', 'No notifications'],
  'notifications.kind.due_soon': ['即将到期', 'Due soon'],
  'notifications.kind.due_today': ['今天到期', 'Due today'],
  'notifications.kind.overdue': ['已逾期', 'Overdue'],
  'notifications.kind.escalation': ['逾期升级', 'Escalation'],
  'notifications.kind.assigned': ['新指派', 'Assigned'],
  'notifications.kind.update_posted': ['新反馈', 'New update'],
  'notifications.kind.sent_back': ['被退回', 'Sent back'],
  'notifications.kind.report': ['报告', 'Report'],
  'admin.users': ['用户', 'Users'],
  'admin.organizations': ['单位', 'Organizations'],
  'admin.failed': ['发送失败的通知', 'Failed deliveries'],
  'admin.email': ['邮箱', 'Email'],
  'admin.name': ['姓名', 'Name'],
  'admin.role': ['角色', 'Role'],
  'admin.active': ['启用', 'Active'],
  'admin.newUser': ['新建用户', 'New user'],
  'admin.password': ['初始密码（至少10位）', 'Initial password (10+ characters)'],
  'admin.code': ['代码', 'Code'],
  'admin.kind': ['类型', 'Kind'],
  'admin.verified': ['已核实', 'Verified'],
  'admin.verify': ['核实', 'Verify'],
  'admin.channel': ['渠道', 'Channel'],
  'admin.attempts': ['尝试次数', 'Attempts'],
  'admin.lastError': ['最后错误', 'Last error'],
  'admin.recipient': ['接收方', 'Recipient'],
  'role.admin': ['管理员', 'Admin'],
  'role.manager': ['规划负责人', 'Manager'],
  'role.coordinator': ['协调员', 'Coordinator'],
  'role.liaison': ['联络员', 'Liaison'],
  'role.viewer': ['只读', 'Viewer'],
  'notFound.title': ['页面不存在', 'Page not found'],
  'notFound.back': ['返回我的工作', 'Back to my work'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const LOCALE_STORAGE_KEY = 'xietong.locale';

function storedLocale(): Locale {
  return localStorage.getItem(LOCALE_STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = MESSAGES[key][locale === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function hasMessage(key: string): key is MessageKey {
  return key in MESSAGES;
}

/** Looks up a key built at run time from API data (a kind, an action) and falls back to the raw value. */
export function labelOf(t: Translate, key: string, fallback: string): string {
  return hasMessage(key) ? t(key) : fallback;
}

interface I18nContextValue {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nContextValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nContextValue>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
