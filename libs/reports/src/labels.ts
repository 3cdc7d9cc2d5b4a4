import type {
  DeadlineStanding,
  OrganizationKind,
  Locale,
  TrafficLight,
  WorkItemStatus,
} from './joint-report';

export const DEFAULT_REPORT_LOCALE: Locale = 'zh-CN';

export interface ShownOfTotal {
  shown: number;
  total: number;
}

export interface ReportLabels {
  reportTitle: string;
  /** Used in file names: 北部湾城市群-联合进展报告-2026-11-25.xlsx */
  fileNameSuffix: string;
  meta: {
    plan: string;
    period: string;
    asOf: string;
    generatedAt: string;
    filters: string;
    provinces: string;
    ministries: string;
    chapters: string;
    responsibility: { lead: string; support: string };
    all: string;
    previousRun: string;
    noPreviousRun: string;
    none: string;
    footer: string;
    /** Under a list a mail or PDF cuts short. */
    abridgedRows: (shown: number, total: number) => string;
    /** Under a matrix a mail or PDF cuts short. */
    abridgedMatrix: (tasks: ShownOfTotal, organizations: ShownOfTotal) => string;
    /** The first row of the deadline-standing table: every item. */
    allItems: string;
  };
  sections: {
    headline: string;
    chart: string;
    byProvince: string;
    byMinistry: string;
    matrix: string;
    ranking: string;
    overdue: string;
    dueSoon: string;
    updates: string;
    changes: string;
    finished: string;
    newlyOverdue: string;
    progressDeltas: string;
    indicators: string;
    workItems: string;
    deadlineStanding: string;
  };
  sheets: {
    summary: string;
    matrix: string;
    overdue: string;
    dueSoon: string;
    updates: string;
    workItems: string;
  };
  figures: {
    items: string;
    done: string;
    inProgress: string;
    notStarted: string;
    blocked: string;
    cancelled: string;
    overdue: string;
    averageProgress: string;
  };
  columns: {
    rank: string;
    organization: string;
    taskCode: string;
    taskTitle: string;
    chapter: string;
    owner: string;
    deadline: string;
    daysOverdue: string;
    daysLeft: string;
    progress: string;
    status: string;
    light: string;
    behindSchedule: string;
    lastUpdateAt: string;
    at: string;
    author: string;
    text: string;
    from: string;
    to: string;
    finishedAt: string;
    indicator: string;
    value: string;
    unit: string;
    year: string;
    metric: string;
    originalDeadline: string;
    deadlineStanding: string;
    total: string;
  };
  status: Record<WorkItemStatus, string>;
  /** 按期 / 已延期 / 逾期, as the supervision screens say it. */
  standing: Record<DeadlineStanding, string>;
  light: Record<TrafficLight, string>;
  organizationKind: Record<OrganizationKind, string>;
}

/** "全部列出" or "另有 21 个单位未列出". */
const leftOut = ({ shown, total }: ShownOfTotal, unit: string) =>
  shown >= total ? '全部列出' : `另有 ${total - shown} ${unit}未列出`;

const zhCN: ReportLabels = {
  reportTitle: '联合进展报告',
  fileNameSuffix: '联合进展报告',
  meta: {
    plan: '规划',
    period: '规划期',
    asOf: '统计日期',
    generatedAt: '生成时间',
    filters: '范围',
    provinces: '省区',
    ministries: '部门',
    chapters: '章节',
    responsibility: { lead: '牵头单位事项', support: '配合单位事项' },
    all: '全部',
    previousRun: '上期报告',
    noPreviousRun: '首期报告，暂无上期对比',
    none: '无',
    footer: '本报告由协同系统自动生成。信号灯按序时进度判定：绿灯正常，黄灯预警，红灯逾期或受阻。',
    abridgedRows: (shown, total) =>
      `仅列出前 ${shown} 条（共 ${total} 条，另有 ${total - shown} 条未列出），完整清单见 XLSX 格式报告。`,
    abridgedMatrix: (tasks, organizations) =>
      `本矩阵仅列出红灯、黄灯最多的 ${tasks.shown} 项任务（共 ${tasks.total} 项，${leftOut(tasks, '项任务')}）和 ${organizations.shown} 个单位（共 ${organizations.total} 个，${leftOut(organizations, '个单位')}），完整矩阵见 XLSX 格式报告的“矩阵”工作表。`,
    allItems: '全部事项',
  },
  sections: {
    headline: '总体情况',
    chart: '各省区平均进度',
    byProvince: '分省区情况',
    byMinistry: '分部门情况',
    matrix: '任务进展矩阵',
    ranking: '通报排名',
    overdue: '逾期事项',
    dueSoon: '近期到期事项',
    updates: '进展更新',
    changes: '较上期变化',
    finished: '本期完成',
    newlyOverdue: '新增逾期',
    progressDeltas: '进度变化',
    indicators: '主要指标',
    workItems: '工作事项',
    deadlineStanding: '截止日期执行情况',
  },
  sheets: {
    summary: '汇总',
    matrix: '矩阵',
    overdue: '逾期事项',
    dueSoon: '近期到期',
    updates: '进展更新',
    workItems: '工作事项',
  },
  figures: {
    items: '事项总数',
    done: '已完成',
    inProgress: '进行中',
    notStarted: '未开始',
    blocked: '受阻',
    cancelled: '已取消',
    overdue: '逾期',
    averageProgress: '平均进度',
  },
  columns: {
    rank: '排名',
    organization: '单位',
    taskCode: '任务编号',
    taskTitle: '任务',
    chapter: '章节',
    owner: '责任人',
    deadline: '截止日期',
    daysOverdue: '逾期天数',
    daysLeft: '剩余天数',
    progress: '进度',
    status: '状态',
    light: '信号灯',
    behindSchedule: '进度滞后',
    lastUpdateAt: '最近更新',
    at: '时间',
    author: '填报人',
    text: '进展情况',
    from: '原进度',
    to: '现进度',
    finishedAt: '完成时间',
    indicator: '指标',
    value: '目标值',
    unit: '单位',
    year: '年份',
    metric: '项目',
    originalDeadline: '原定截止日期',
    deadlineStanding: '截止情况',
    total: '合计',
  },
  status: {
    not_started: '未开始',
    in_progress: '进行中',
    blocked: '受阻',
    done: '已完成',
    cancelled: '已取消',
  },
  standing: { on_time: '按期', extended: '已延期', overdue: '逾期' },
  light: { green: '正常', yellow: '预警', red: '逾期/受阻', grey: '已取消' },
  organizationKind: {
    province: '省区',
    ministry: '部门',
    city: '城市',
    liaison_office: '联络处',
    enterprise: '企业',
  },
};

const en: ReportLabels = {
  reportTitle: 'Joint progress report',
  fileNameSuffix: 'joint-progress-report',
  meta: {
    plan: 'Plan',
    period: 'Period',
    asOf: 'As of',
    generatedAt: 'Generated',
    filters: 'Scope',
    provinces: 'Provinces',
    ministries: 'Ministries',
    chapters: 'Chapters',
    responsibility: { lead: 'lead units’ items', support: 'supporting units’ items' },
    all: 'All',
    previousRun: 'Previous report',
    noPreviousRun: 'First report: nothing to compare with yet',
    none: 'None',
    footer:
      'Generated by Xietong. Lights follow expected progress for the time elapsed: green on track, yellow at risk, red overdue or blocked.',
    abridgedRows: (shown, total) =>
      `Showing the first ${shown} of ${total} (${total - shown} left out); the XLSX report lists them all.`,
    abridgedMatrix: (tasks, organizations) =>
      `This matrix shows the ${tasks.shown} of ${tasks.total} tasks (${tasks.total - tasks.shown} left out) and ${organizations.shown} of ${organizations.total} organizations (${organizations.total - organizations.shown} left out) with the most red and yellow cells; the XLSX report's Matrix sheet has them all.`,
    allItems: 'All items',
  },
  sections: {
    headline: 'Overview',
    chart: 'Average progress by province',
    byProvince: 'By province',
    byMinistry: 'By ministry',
    matrix: 'Task progress matrix',
    ranking: 'Ranking',
    overdue: 'Overdue items',
    dueSoon: 'Due soon',
    updates: 'Progress updates',
    changes: 'Changes since the previous report',
    finished: 'Finished',
    newlyOverdue: 'Newly overdue',
    progressDeltas: 'Progress changes',
    indicators: 'Indicators',
    workItems: 'Work items',
    deadlineStanding: 'Deadlines kept',
  },
  sheets: {
    summary: 'Summary',
    matrix: 'Matrix',
    overdue: 'Overdue',
    dueSoon: 'Due soon',
    updates: 'Updates',
    workItems: 'Work items',
  },
  figures: {
    items: 'Items',
    done: 'Done',
    inProgress: 'In progress',
    notStarted: 'Not started',
    blocked: 'Blocked',
    cancelled: 'Cancelled',
    overdue: 'Overdue',
    averageProgress: 'Average progress',
  },
  columns: {
    rank: 'Rank',
    organization: 'Organization',
    taskCode: 'Task',
    taskTitle: 'Title',
    chapter: 'Chapter',
    owner: 'Owner',
    deadline: 'Deadline',
    daysOverdue: 'Days overdue',
    daysLeft: 'Days left',
    progress: 'Progress',
    status: 'Status',
    light: 'Light',
    behindSchedule: 'Behind schedule',
    lastUpdateAt: 'Last update',
    at: 'Time',
    author: 'Author',
    text: 'Update',
    from: 'From',
    to: 'To',
    finishedAt: 'Finished',
    indicator: 'Indicator',
    value: 'Target',
    unit: 'Unit',
    year: 'Year',
    metric: 'Figure',
    originalDeadline: 'Original deadline',
    deadlineStanding: 'Deadline standing',
    total: 'Total',
  },
  status: {
    not_started: 'Not started',
    in_progress: 'In progress',
    blocked: 'Blocked',
    done: 'Done',
    cancelled: 'Cancelled',
  },
  standing: { on_time: 'On time', extended: 'Extended', overdue: 'Overdue' },
  light: { green: 'On track', yellow: 'At risk', red: 'Overdue/blocked', grey: 'Cancelled' },
  organizationKind: {
    province: 'Province',
    ministry: 'Ministry',
    city: 'City',
    liaison_office: 'Liaison office',
    enterprise: 'Enterprise',
  },
};

const LABELS: Record<Locale, ReportLabels> = { 'zh-CN': zhCN, en };

export function reportLabels(locale: Locale = DEFAULT_REPORT_LOCALE): ReportLabels {
  return LABELS[locale] ?? zhCN;
}
