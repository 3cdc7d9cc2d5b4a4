/**
 * The copy of every notification: what each kind says, in Chinese (the default) and English, as
 * parts (headline, lead, facts, quote, list) that `message-render.ts` turns into mail and robot
 * Markdown. Only words live here; no markup.
 */

import type { Locale } from '@xietong/rules';

export type { Locale };

/** What every notification about one work item shows. */
export interface WorkItemContext {
  recipientName: string;
  itemTitle: string;
  /** The task number as the plan writes it, e.g. `(十二)`. */
  taskCode: string;
  planTitle: string;
  organizationName: string;
  /** YYYY-MM-DD */
  deadline: string;
  link: string;
}

/** Whether the day counts in a payload are working days (the plan's reminder policy decides). */
interface DayCount {
  workingDays?: boolean;
}

export interface NotificationPayloads {
  due_soon: WorkItemContext & DayCount & { daysLeft: number };
  due_today: WorkItemContext;
  overdue: WorkItemContext & DayCount & { daysOverdue: number };
  escalation: WorkItemContext & DayCount & { daysOverdue: number; ownerName?: string | null };
  assigned: WorkItemContext & { assignedBy?: string };
  update_posted: WorkItemContext & { authorName: string; updateText: string; progress?: number };
  /** 退回: a coordinator reopened an item its owner had marked done. */
  sent_back: WorkItemContext & { actorName: string; reason: string };
  silent: WorkItemContext & DayCount & { daysSilent: number };
  /** 延期申请 waiting for the recipient's decision. */
  extension_requested: WorkItemContext & {
    requesterName: string;
    requestedDeadline: string;
    reason: string;
    progress: number;
  };
  /** The requester hears the decision. */
  extension_decided: WorkItemContext & {
    approved: boolean;
    deciderName: string;
    requestedDeadline: string;
    note?: string | null;
  };
  /** A done item waits for the recipient's review (待审核). */
  completion_submitted: WorkItemContext & { submitterName: string; updateText: string };
  /** 销号: the owner hears the item was accepted. */
  completion_accepted: WorkItemContext & { reviewerName: string; note?: string | null };
  cadence: {
    recipientName: string;
    planTitle: string;
    organizationName: string;
    /** `2026-W48` or `2026-11`, as the cadence rule returns it. */
    periodKey: string;
    /** When the update was due, as the recipient reads it, e.g. `2026-11-27 12:00`. */
    dueAt: string;
    link: string;
  };
  report: {
    recipientName: string;
    planTitle: string;
    reportTitle: string;
    /** A few lines of summary figures, e.g. `逾期事项 3 项（上期 5 项）`. */
    highlights?: string[];
    link: string;
  };
  digest: {
    recipientName: string;
    /** YYYY-MM-DD */
    date: string;
    entries: Array<{ subject: string; link: string }>;
    link: string;
  };
}

export type RenderableKind = keyof NotificationPayloads;

/** The parts every rendering is built from, so the four forms never disagree. */
export interface MessageParts {
  headline: string;
  /** Who and what the headline is about, after the colon in the subject. */
  about?: string;
  greeting: string;
  lead: string;
  facts: Array<[label: string, value: string]>;
  quote?: string;
  list?: Array<{ text: string; link: string }>;
  link: string;
}

export interface Copy {
  lang: Locale;
  greeting(name: string): string;
  subjectPrefix: string;
  colon: string;
  labels: {
    task: string;
    organization: string;
    plan: string;
    deadline: string;
    owner: string;
    author: string;
    progress: string;
    dueAt: string;
  };
  open: string;
  footer: string;
  days(count: number, workingDays?: boolean): string;
  period(periodKey: string): string;
  parts: {
    [K in RenderableKind]: (payload: NotificationPayloads[K]) => Omit<MessageParts, 'greeting' | 'link'>;
  };
}

const itemAbout = (p: WorkItemContext) => `${p.taskCode}${p.itemTitle} — ${p.organizationName}`;

function periodParts(periodKey: string): { year: string; week?: number; month?: number } {
  const week = /^(\d{4})-W(\d{2})$/.exec(periodKey);
  if (week) return { year: week[1], week: Number(week[2]) };
  const month = /^(\d{4})-(\d{2})$/.exec(periodKey);
  if (month) return { year: month[1], month: Number(month[2]) };
  throw new RangeError(`Expected a period key such as 2026-W48 or 2026-11, got "${periodKey}"`);
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const itemFacts = (p: WorkItemContext, l: Copy['labels']): MessageParts['facts'] => [
  [l.task, `${p.taskCode}${p.itemTitle}`],
  [l.organization, p.organizationName],
  [l.plan, p.planTitle],
  [l.deadline, p.deadline],
];

const ZH: Copy = {
  lang: 'zh-CN',
  greeting: (name) => `${name}，您好：`,
  subjectPrefix: '【协同】',
  colon: '：',
  labels: {
    task: '任务',
    organization: '单位',
    plan: '规划',
    deadline: '截止日期',
    owner: '负责人',
    author: '反馈人',
    progress: '进度',
    dueAt: '报送期限',
  },
  open: '查看详情',
  footer: '此消息由协同系统自动发送，请勿直接回复。',
  days: (count, workingDays) => (workingDays ? `${count}个工作日` : `${count}天`),
  period(periodKey) {
    const { year, week, month } = periodParts(periodKey);
    return week ? `${year}年第${week}周` : `${year}年${month}月`;
  },
  parts: {
    due_soon: (p) => ({
      headline: `距截止还有${ZH.days(p.daysLeft, p.workingDays)}`,
      about: itemAbout(p),
      lead: `您负责的事项将于 ${p.deadline} 截止，还有${ZH.days(p.daysLeft, p.workingDays)}，请抓紧推进并及时反馈进展。`,
      facts: itemFacts(p, ZH.labels),
    }),
    due_today: (p) => ({
      headline: '今天截止',
      about: itemAbout(p),
      lead: '您负责的事项今天截止，请及时反馈完成情况。',
      facts: itemFacts(p, ZH.labels),
    }),
    overdue: (p) => ({
      headline: `已逾期${ZH.days(p.daysOverdue, p.workingDays)}`,
      about: itemAbout(p),
      lead: `您负责的事项已于 ${p.deadline} 到期，目前逾期${ZH.days(p.daysOverdue, p.workingDays)}，请尽快推进或申请调整截止日期。`,
      facts: itemFacts(p, ZH.labels),
    }),
    escalation: (p) => ({
      headline: `逾期${ZH.days(p.daysOverdue, p.workingDays)}，请督办`,
      about: itemAbout(p),
      lead: `以下事项已逾期${ZH.days(p.daysOverdue, p.workingDays)}仍未完成，请协调督办。`,
      facts: [...itemFacts(p, ZH.labels), [ZH.labels.owner, p.ownerName ?? '未指定']],
    }),
    assigned: (p) => ({
      headline: '新事项分配给您',
      about: itemAbout(p),
      lead: p.assignedBy ? `${p.assignedBy}将以下事项分配给您负责。` : '以下事项已分配给您负责。',
      facts: itemFacts(p, ZH.labels),
    }),
    extension_requested: (p) => ({
      headline: `${p.requesterName}申请延期`,
      about: itemAbout(p),
      lead: `${p.requesterName}申请将截止日期由 ${p.deadline} 延至 ${p.requestedDeadline}（目前进度 ${p.progress}%），请审批。`,
      facts: itemFacts(p, ZH.labels),
      quote: p.reason,
    }),
    extension_decided: (p) => ({
      headline: p.approved ? '延期申请已批准' : '延期申请未获批准',
      about: itemAbout(p),
      lead: p.approved
        ? `${p.deciderName}批准了您的延期申请，截止日期调整为 ${p.requestedDeadline}。`
        : `${p.deciderName}未批准您延至 ${p.requestedDeadline} 的申请，截止日期仍为 ${p.deadline}。`,
      facts: itemFacts(p, ZH.labels),
      quote: p.note ?? undefined,
    }),
    completion_submitted: (p) => ({
      headline: '事项待审核',
      about: itemAbout(p),
      lead: `${p.submitterName}将以下事项标记为已完成并提交了佐证材料，请审核后销号或退回。`,
      facts: itemFacts(p, ZH.labels),
      quote: p.updateText,
    }),
    completion_accepted: (p) => ({
      headline: '事项已销号',
      about: itemAbout(p),
      lead: `${p.reviewerName}审核通过，以下事项已销号。`,
      facts: itemFacts(p, ZH.labels),
      quote: p.note ?? undefined,
    }),
    sent_back: (p) => ({
      headline: '事项被退回',
      about: itemAbout(p),
      lead: `${p.actorName}退回了您标记为已完成的事项，请按意见继续办理。`,
      facts: itemFacts(p, ZH.labels),
      quote: p.reason,
    }),
    update_posted: (p) => ({
      headline: `${p.authorName}反馈了进展`,
      about: itemAbout(p),
      lead: `${p.authorName}对以下事项反馈了最新进展。`,
      facts: [
        ...itemFacts(p, ZH.labels),
        ...(p.progress === undefined ? [] : [[ZH.labels.progress, `${p.progress}%`] as [string, string]]),
      ],
      quote: p.updateText,
    }),
    silent: (p) => ({
      headline: `${ZH.days(p.daysSilent, p.workingDays)}未更新进展`,
      about: itemAbout(p),
      lead: `您负责的事项已有${ZH.days(p.daysSilent, p.workingDays)}没有更新进展，请及时反馈。`,
      facts: itemFacts(p, ZH.labels),
    }),
    cadence: (p) => ({
      headline: `请报送${ZH.period(p.periodKey)}进展`,
      about: `${p.planTitle} — ${p.organizationName}`,
      lead: `截至 ${p.dueAt}，${p.organizationName}尚未报送${ZH.period(p.periodKey)}的进展情况，请尽快报送。`,
      facts: [
        [ZH.labels.plan, p.planTitle],
        [ZH.labels.organization, p.organizationName],
        [ZH.labels.dueAt, p.dueAt],
      ],
    }),
    report: (p) => ({
      headline: '联合进展报告',
      about: p.reportTitle,
      lead: `《${p.planTitle}》的联合进展报告已生成。`,
      facts: [[ZH.labels.plan, p.planTitle]],
      quote: p.highlights?.join('\n'),
    }),
    digest: (p) => ({
      headline: `每日提醒汇总（${p.date}，共${p.entries.length}条）`,
      lead: `以下是您 ${p.date} 的提醒：`,
      facts: [],
      list: p.entries.map((entry) => ({ text: entry.subject, link: entry.link })),
    }),
  },
};

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

const EN: Copy = {
  lang: 'en',
  greeting: (name) => `Dear ${name},`,
  subjectPrefix: '[Xietong] ',
  colon: ': ',
  labels: {
    task: 'Task',
    organization: 'Organization',
    plan: 'Plan',
    deadline: 'Deadline',
    owner: 'Owner',
    author: 'Author',
    progress: 'Progress',
    dueAt: 'Due',
  },
  open: 'Open in Xietong',
  footer: 'Sent automatically by Xietong; please do not reply to this message.',
  days: (count, workingDays) => plural(count, workingDays ? 'working day' : 'day'),
  period(periodKey) {
    const { year, week, month } = periodParts(periodKey);
    return week ? `week ${week} of ${year}` : `${ENGLISH_MONTHS[month! - 1]} ${year}`;
  },
  parts: {
    due_soon: (p) => ({
      headline: `Due in ${EN.days(p.daysLeft, p.workingDays)}`,
      about: itemAbout(p),
      lead: `An item you own is due on ${p.deadline}, in ${EN.days(p.daysLeft, p.workingDays)}. Please move it forward and report progress.`,
      facts: itemFacts(p, EN.labels),
    }),
    due_today: (p) => ({
      headline: 'Due today',
      about: itemAbout(p),
      lead: 'An item you own is due today. Please report whether it is done.',
      facts: itemFacts(p, EN.labels),
    }),
    overdue: (p) => ({
      headline: `Overdue by ${EN.days(p.daysOverdue, p.workingDays)}`,
      about: itemAbout(p),
      lead: `An item you own was due on ${p.deadline} and is ${EN.days(p.daysOverdue, p.workingDays)} overdue. Please finish it or ask for a new deadline.`,
      facts: itemFacts(p, EN.labels),
    }),
    escalation: (p) => ({
      headline: `Overdue by ${EN.days(p.daysOverdue, p.workingDays)}: please follow up`,
      about: itemAbout(p),
      lead: `This item is ${EN.days(p.daysOverdue, p.workingDays)} overdue and still open. Please follow up with its owner.`,
      facts: [...itemFacts(p, EN.labels), [EN.labels.owner, p.ownerName ?? 'nobody assigned']],
    }),
    assigned: (p) => ({
      headline: 'Assigned to you',
      about: itemAbout(p),
      lead: p.assignedBy
        ? `${p.assignedBy} assigned this item to you.`
        : 'This item has been assigned to you.',
      facts: itemFacts(p, EN.labels),
    }),
    extension_requested: (p) => ({
      headline: `${p.requesterName} asks for an extension`,
      about: itemAbout(p),
      lead: `${p.requesterName} asks to move the deadline from ${p.deadline} to ${p.requestedDeadline} (progress ${p.progress}%); please decide.`,
      facts: itemFacts(p, EN.labels),
      quote: p.reason,
    }),
    extension_decided: (p) => ({
      headline: p.approved ? 'Extension approved' : 'Extension refused',
      about: itemAbout(p),
      lead: p.approved
        ? `${p.deciderName} approved your extension: the deadline is now ${p.requestedDeadline}.`
        : `${p.deciderName} refused the extension to ${p.requestedDeadline}; the deadline stays ${p.deadline}.`,
      facts: itemFacts(p, EN.labels),
      quote: p.note ?? undefined,
    }),
    completion_submitted: (p) => ({
      headline: 'Completion to review',
      about: itemAbout(p),
      lead: `${p.submitterName} marked this item done with evidence; please accept it or send it back.`,
      facts: itemFacts(p, EN.labels),
      quote: p.updateText,
    }),
    completion_accepted: (p) => ({
      headline: 'Accepted',
      about: itemAbout(p),
      lead: `${p.reviewerName} accepted this item as done.`,
      facts: itemFacts(p, EN.labels),
      quote: p.note ?? undefined,
    }),
    sent_back: (p) => ({
      headline: 'Sent back',
      about: itemAbout(p),
      lead: `${p.actorName} sent back this item you had marked done; please continue with it.`,
      facts: itemFacts(p, EN.labels),
      quote: p.reason,
    }),
    update_posted: (p) => ({
      headline: `${p.authorName} posted an update`,
      about: itemAbout(p),
      lead: `${p.authorName} posted an update on this item.`,
      facts: [
        ...itemFacts(p, EN.labels),
        ...(p.progress === undefined ? [] : [[EN.labels.progress, `${p.progress}%`] as [string, string]]),
      ],
      quote: p.updateText,
    }),
    silent: (p) => ({
      headline: `No update for ${EN.days(p.daysSilent, p.workingDays)}`,
      about: itemAbout(p),
      lead: `An item you own has had no update for ${EN.days(p.daysSilent, p.workingDays)}. Please report its progress.`,
      facts: itemFacts(p, EN.labels),
    }),
    cadence: (p) => ({
      headline: `Progress update due for ${EN.period(p.periodKey)}`,
      about: `${p.planTitle} — ${p.organizationName}`,
      lead: `${p.organizationName} has not posted its update for ${EN.period(p.periodKey)}, due ${p.dueAt}. Please post it.`,
      facts: [
        [EN.labels.plan, p.planTitle],
        [EN.labels.organization, p.organizationName],
        [EN.labels.dueAt, p.dueAt],
      ],
    }),
    report: (p) => ({
      headline: 'Joint progress report',
      about: p.reportTitle,
      lead: `The joint progress report on “${p.planTitle}” is ready.`,
      facts: [[EN.labels.plan, p.planTitle]],
      quote: p.highlights?.join('\n'),
    }),
    digest: (p) => ({
      headline: `Daily digest for ${p.date} (${plural(p.entries.length, 'item')})`,
      lead: `Your reminders for ${p.date}:`,
      facts: [],
      list: p.entries.map((entry) => ({ text: entry.subject, link: entry.link })),
    }),
  },
};

/** The copy for each language. */
export const COPY: Record<Locale, Copy> = { 'zh-CN': ZH, en: EN };
