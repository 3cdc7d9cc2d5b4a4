import { daysBetween, daysOverdue, deadlineStanding, trafficLight } from '@xietong/rules';
import type {
  JointReport,
  OrganizationFigures,
  ReportFigures,
  ReportOrganization,
  StandingCounts,
  WorkItemRow,
  WorkItemStatus,
} from '../joint-report';

/**
 * A Beibu Gulf report as the aggregation would produce it on 2026-11-25: figures, lights and
 * lists are derived from the work items below, so they agree with each other.
 */

const AS_OF = '2026-11-25';
const PLAN_START = '2026-01-01';

const gx: ReportOrganization = { id: 'org-gx', name: '广西壮族自治区', kind: 'province' };
const gd: ReportOrganization = { id: 'org-gd', name: '广东省', kind: 'province' };
const hi: ReportOrganization = { id: 'org-hi', name: '海南省', kind: 'province' };
const ndrc: ReportOrganization = { id: 'org-ndrc', name: '国家发展改革委', kind: 'ministry' };

const chapters = {
  space: { number: 3, title: '优化城市群空间格局' },
  transport: { number: 5, title: '推进基础设施互联互通' },
  ecology: { number: 7, title: '共建美丽北部湾' },
};

const tasks = [
  { id: 'task-5', number: 5, code: '(五)', title: '强化空间分区管控', chapter: chapters.space },
  { id: 'task-11', number: 11, code: '(十一)', title: '共建西部陆海新通道', chapter: chapters.transport },
  { id: 'task-12', number: 12, code: '(十二)', title: '建设北部湾国际门户港', chapter: chapters.transport },
  {
    id: 'task-18',
    number: 18,
    code: '(十八)',
    title: '共同保护北部湾近岸海域生态环境',
    chapter: chapters.ecology,
  },
];

interface ItemSeed {
  task: string;
  organization: ReportOrganization;
  owner: string | null;
  deadline: string;
  status: WorkItemStatus;
  progress: number;
  lastUpdateAt: string | null;
  /** The first deadline, when an approved extension moved it. */
  originalDeadline?: string;
}

const seeds: ItemSeed[] = [
  {
    task: 'task-5',
    organization: gx,
    owner: '韦明',
    deadline: '2026-12-31',
    status: 'in_progress',
    progress: 85,
    lastUpdateAt: '2026-11-20T02:30:00Z',
  },
  {
    task: 'task-5',
    organization: gd,
    owner: '陈晓',
    deadline: '2026-10-31',
    status: 'in_progress',
    progress: 60,
    lastUpdateAt: '2026-10-08T07:00:00Z',
  },
  {
    task: 'task-5',
    organization: ndrc,
    owner: '王磊',
    deadline: '2026-12-31',
    status: 'done',
    progress: 100,
    lastUpdateAt: '2026-11-18T01:15:00Z',
  },
  {
    task: 'task-11',
    organization: gx,
    owner: '黄海',
    deadline: '2027-06-30',
    originalDeadline: '2026-12-31',
    status: 'in_progress',
    progress: 70,
    lastUpdateAt: '2026-11-22T09:00:00Z',
  },
  {
    task: 'task-11',
    organization: hi,
    owner: null,
    deadline: '2027-06-30',
    status: 'not_started',
    progress: 0,
    lastUpdateAt: null,
  },
  {
    task: 'task-11',
    organization: ndrc,
    owner: '王磊',
    deadline: '2027-03-31',
    status: 'blocked',
    progress: 30,
    lastUpdateAt: '2026-09-30T03:00:00Z',
  },
  {
    task: 'task-12',
    organization: gx,
    owner: '韦明',
    deadline: '2026-09-30',
    status: 'in_progress',
    progress: 75,
    lastUpdateAt: '2026-11-21T06:45:00Z',
  },
  {
    task: 'task-12',
    organization: hi,
    owner: '符珊',
    deadline: '2026-12-15',
    status: 'in_progress',
    progress: 50,
    lastUpdateAt: '2026-11-10T08:20:00Z',
  },
  {
    task: 'task-18',
    organization: gd,
    owner: '陈晓',
    deadline: '2027-12-31',
    status: 'in_progress',
    progress: 40,
    lastUpdateAt: '2026-11-05T02:00:00Z',
  },
  {
    task: 'task-18',
    organization: hi,
    owner: '符珊',
    deadline: '2027-12-31',
    status: 'cancelled',
    progress: 10,
    lastUpdateAt: '2026-06-01T02:00:00Z',
  },
];

const taskById = new Map(tasks.map((t) => [t.id, t]));

function workItemRows(): WorkItemRow[] {
  return seeds.map((seed, index) => {
    const task = taskById.get(seed.task)!;
    return {
      workItemId: `wi-${index + 1}`,
      taskCode: task.code,
      taskTitle: task.title,
      chapter: task.chapter,
      organization: seed.organization,
      owner: seed.owner === null ? null : { id: `user-${seed.owner}`, name: seed.owner },
      deadline: seed.deadline,
      status: seed.status,
      progress: seed.progress,
      light: trafficLight({ ...seed, startDate: PLAN_START, today: AS_OF }),
      originalDeadline: seed.originalDeadline ?? seed.deadline,
      deadlineStanding: deadlineStanding({
        ...seed,
        originalDeadline: seed.originalDeadline ?? seed.deadline,
        completedOn: seed.status === 'done' ? AS_OF : null,
        today: AS_OF,
      }),
      lastUpdateAt: seed.lastUpdateAt,
    };
  });
}

const isOverdue = (row: WorkItemRow) =>
  row.status !== 'done' && row.status !== 'cancelled' && daysOverdue(row.deadline!, AS_OF) > 0;

function figures(rows: WorkItemRow[]): ReportFigures {
  const count = (status: WorkItemStatus) => rows.filter((r) => r.status === status).length;
  const counted = rows.filter((r) => r.status !== 'cancelled');
  return {
    items: rows.length,
    done: count('done'),
    inProgress: count('in_progress'),
    notStarted: count('not_started'),
    blocked: count('blocked'),
    cancelled: count('cancelled'),
    overdue: rows.filter(isOverdue).length,
    averageProgress: counted.reduce((sum, r) => sum + r.progress, 0) / Math.max(1, counted.length),
  };
}

function standingCounts(rows: WorkItemRow[]): StandingCounts {
  const count = (standing: WorkItemRow['deadlineStanding']) =>
    rows.filter((r) => r.deadlineStanding === standing).length;
  return { onTime: count('on_time'), extended: count('extended'), overdue: count('overdue') };
}

function figuresByOrganization(
  rows: WorkItemRow[],
  organizations: ReportOrganization[],
): OrganizationFigures[] {
  return organizations
    .map((organization) => ({
      organization,
      ...figures(rows.filter((r) => r.organization.id === organization.id)),
    }))
    .sort((a, b) => b.averageProgress - a.averageProgress)
    .map((entry, index) => ({ ...entry, rank: index + 1 }));
}

export function buildJointReport(overrides: Partial<JointReport> = {}): JointReport {
  const rows = workItemRows();
  const active = rows.filter((r) => r.status !== 'done' && r.status !== 'cancelled');
  const reference = (r: WorkItemRow) => ({
    workItemId: r.workItemId,
    taskCode: r.taskCode,
    taskTitle: r.taskTitle,
    organization: r.organization,
  });
  const overdue = active.filter(isOverdue).map((r) => ({
    ...reference(r),
    owner: r.owner,
    deadline: r.deadline!,
    daysOverdue: daysOverdue(r.deadline!, AS_OF),
    progress: r.progress,
    status: r.status,
  }));
  const ranking = [gx, gd, hi, ndrc]
    .map((organization) => {
      const own = rows.filter((r) => r.organization.id === organization.id);
      const { items, overdue: overdueCount, averageProgress } = figures(own);
      const lagging = own.filter((r) => r.light === 'yellow' || r.light === 'red').length;
      return {
        organization,
        overdue: overdueCount,
        behindSchedule: lagging - overdueCount,
        items,
        averageProgress,
      };
    })
    .sort((a, b) => b.overdue - a.overdue || b.behindSchedule - a.behindSchedule)
    .map((entry, index) => ({ rank: index + 1, ...entry }));

  return {
    plan: { id: 'plan-bbw', title: '北部湾城市群发展规划', period: { startYear: 2026, endYear: 2030 } },
    generatedAt: '2026-11-25T01:00:00.000Z',
    asOf: AS_OF,
    timeZone: 'Asia/Shanghai',
    locale: 'zh-CN',
    filters: { provinces: [], ministries: [], chapters: [], responsibility: 'lead' },
    headline: figures(rows),
    byProvince: figuresByOrganization(rows, [gx, gd, hi]),
    byMinistry: figuresByOrganization(rows, [ndrc]),
    matrix: {
      tasks: tasks.map(({ id, number, code, title }) => ({ id, number, code, title })),
      organizations: [gx, gd, hi, ndrc],
      cells: rows.map((r) => ({
        taskId: tasks.find((t) => t.code === r.taskCode)!.id,
        organizationId: r.organization.id,
        workItemId: r.workItemId,
        status: r.status,
        progress: r.progress,
        light: r.light,
        deadline: r.deadline,
      })),
    },
    ranking,
    deadlineStanding: {
      headline: standingCounts(rows),
      byOrganization: [gx, gd, hi, ndrc].map((organization) => ({
        organization,
        ...standingCounts(rows.filter((r) => r.organization.id === organization.id)),
      })),
    },
    overdue,
    dueSoon: active
      .filter((r) => !isOverdue(r) && daysBetween(AS_OF, r.deadline!) <= 30)
      .map((r) => ({
        ...reference(r),
        owner: r.owner,
        deadline: r.deadline!,
        daysLeft: daysBetween(AS_OF, r.deadline!),
        progress: r.progress,
        status: r.status,
        light: r.light,
        deadlineStanding: r.deadlineStanding,
      })),
    previousRunAt: '2026-10-25T01:00:00.000Z',
    updatesSince: [
      {
        at: '2026-11-22T09:00:00Z',
        workItemId: 'wi-4',
        taskCode: '(十一)',
        organization: gx,
        author: { id: 'user-liaison-gx', name: '广西驻粤办 李娜' },
        text: '钦州港至重庆铁海联运班列已实现"天天班"，正与<广东>方面对接通关一体化。',
        progress: 70,
      },
      {
        at: '2026-11-20T02:30:00Z',
        workItemId: 'wi-1',
        taskCode: '(五)',
        organization: gx,
        author: { id: 'user-韦明', name: '韦明' },
        text: '国土空间规划分区方案已报自治区政府审议。',
        progress: 85,
      },
      {
        at: '2026-11-10T08:20:00Z',
        workItemId: 'wi-8',
        taskCode: '(十二)',
        organization: hi,
        author: null,
        text: '洋浦港区航道扩建工程完成环评批复。',
        progress: null,
      },
    ],
    changes: {
      finished: [{ ...reference(rows[2]), finishedAt: '2026-11-18T01:15:00Z' }],
      newlyOverdue: overdue
        .filter((o) => o.daysOverdue <= 31)
        .map(({ workItemId, taskCode, taskTitle, organization, deadline, daysOverdue: days }) => ({
          workItemId,
          taskCode,
          taskTitle,
          organization,
          deadline,
          daysOverdue: days,
        })),
      progressDeltas: [
        { ...reference(rows[0]), from: 70, to: 85 },
        { ...reference(rows[3]), from: 55, to: 70 },
      ],
    },
    indicators: [
      { name: '常住人口城镇化率', value: '60', unit: '%', year: 2030 },
      { name: '北部湾港集装箱吞吐量', value: '1000', unit: '万标箱', year: 2030 },
    ],
    workItemCount: rows.length,
    workItems: rows,
    ...overrides,
  };
}
