import { JointReportTally, type TallyContext, type TallyItem } from './joint-report-tally';

const AS_OF = '2026-11-25';

const tasks = [
  {
    id: 'task-1',
    number: 1,
    code: '（一）',
    title: '共建北部湾国际门户港',
    chapterNumber: 1,
    chapterTitle: '港口',
  },
  {
    id: 'task-2',
    number: 2,
    code: '（二）',
    title: '共建西部陆海新通道',
    chapterNumber: 1,
    chapterTitle: '港口',
  },
  {
    id: 'task-3',
    number: 3,
    code: '（三）',
    title: '没有事项的任务',
    chapterNumber: null,
    chapterTitle: null,
  },
];
const organizations = [
  { id: 'org-gx', name: '广西壮族自治区', kind: 'province' },
  { id: 'org-gd', name: '广东省', kind: 'province' },
  { id: 'org-yn', name: '云南省', kind: 'province' },
  { id: 'org-ndrc', name: '国家发展改革委', kind: 'central' },
];

function item(
  id: string,
  taskId: string,
  organizationId: string,
  changes: Partial<TallyItem> = {},
): TallyItem {
  return {
    id,
    taskId,
    organizationId,
    ownerId: null,
    deadline: '2027-06-30',
    originalDeadline: '2027-06-30',
    startDate: '2026-01-01',
    status: 'in_progress',
    progress: 50,
    completedAt: null,
    completedOn: null,
    ...changes,
  };
}

function tally(items: TallyItem[], context: Partial<TallyContext> = {}) {
  const sut = new JointReportTally({
    asOf: AS_OF,
    generatedAt: '2026-11-25T01:00:00.000Z',
    tasks,
    organizations,
    previous: null,
    ...context,
  });
  for (const each of items) sut.add(each);
  return sut.result();
}

describe(JointReportTally.name, () => {
  // Arrival order is Postgres's, not the report's: the tally sorts.
  const items = [
    item('b-ndrc', 'task-2', 'org-ndrc', { status: 'done', progress: 100, completedOn: '2026-10-01' }),
    item('a-gd', 'task-1', 'org-gd', {
      deadline: '2026-10-31',
      ownerId: 'u-1',
      progress: 40,
    }),
    item('b-gx', 'task-2', 'org-gx', {
      deadline: '2026-12-10',
      originalDeadline: '2026-09-30',
      progress: 95,
    }),
    item('a-gx', 'task-1', 'org-gx', { status: 'blocked', progress: 30 }),
    item('b-gd', 'task-2', 'org-gd', { status: 'cancelled', progress: 10 }),
  ];

  it('counts the headline and each organization, and ranks provinces by average progress', () => {
    const result = tally(items);
    expect(result.headline).toEqual({
      items: 5,
      done: 1,
      inProgress: 2,
      notStarted: 0,
      blocked: 1,
      cancelled: 1,
      overdue: 1,
      averageProgress: (100 + 40 + 95 + 30) / 4,
    });
    expect(result.byProvince.map((f) => [f.rank, f.organization.name, f.items])).toEqual([
      [1, '广西壮族自治区', 2],
      [2, '广东省', 2],
    ]);
    expect(result.byMinistry.map((f) => [f.organization.kind, f.averageProgress])).toEqual([
      ['ministry', 100],
    ]);
  });

  it('keeps the matrix, the summary and the lists in report order: task, then organization', () => {
    const result = tally(items);
    expect(result.matrix.tasks.map((t) => t.code)).toEqual(['（一）', '（二）']);
    expect(result.matrix.organizations.map((o) => o.id)).toEqual(['org-gx', 'org-gd', 'org-ndrc']);
    expect(result.matrix.cells.map((c) => c.workItemId)).toEqual(['a-gx', 'a-gd', 'b-gx', 'b-gd', 'b-ndrc']);
    expect(result.matrix.cells.map((c) => c.light)).toEqual(['red', 'red', 'green', 'grey', 'green']);
    expect(result.summary.items).toEqual({
      ids: ['a-gx', 'a-gd', 'b-gx', 'b-gd', 'b-ndrc'],
      statuses: ['blocked', 'in_progress', 'in_progress', 'cancelled', 'done'],
      progress: [30, 40, 95, 10, 100],
      overdue: [false, true, false, false, false],
    });
    expect(result.overdue).toEqual([
      expect.objectContaining({ workItemId: 'a-gd', daysOverdue: 25, owner: { id: 'u-1', name: '' } }),
    ]);
    // One object per owner, for the loader to name.
    expect(result.owners.get('u-1')).toBe(result.overdue[0].owner);
    expect(result.dueSoon).toEqual([
      expect.objectContaining({ workItemId: 'b-gx', daysLeft: 15, deadlineStanding: 'extended' }),
    ]);
    expect(result.taskIds).toEqual(['task-1', 'task-2']);
  });

  it('tells on-time, extended and overdue apart, overall and per organization', () => {
    const result = tally([
      ...items,
      // Finished after its deadline: late, though no longer open.
      item('a-ndrc', 'task-1', 'org-ndrc', {
        status: 'done',
        progress: 100,
        deadline: '2026-06-30',
        completedOn: '2026-07-15',
      }),
      // Extended and still missed the new deadline: overdue wins.
      item('a-yn', 'task-1', 'org-yn', { deadline: '2026-11-01', originalDeadline: '2026-08-01' }),
    ]);
    expect(result.deadlineStanding.headline).toEqual({ onTime: 3, extended: 1, overdue: 3 });
    expect(result.deadlineStanding.byOrganization).toEqual([
      { organization: expect.objectContaining({ id: 'org-gx' }), onTime: 1, extended: 1, overdue: 0 },
      { organization: expect.objectContaining({ id: 'org-gd' }), onTime: 1, extended: 0, overdue: 1 },
      { organization: expect.objectContaining({ id: 'org-yn' }), onTime: 0, extended: 0, overdue: 1 },
      { organization: expect.objectContaining({ id: 'org-ndrc' }), onTime: 1, extended: 0, overdue: 1 },
    ]);
    // The headline's overdue counts open items only; the standing counts late finishes too.
    expect(result.headline.overdue).toBe(2);
  });

  it('ranks the 通报 by overdue, then behind schedule, ties sharing a rank', () => {
    const result = tally(items);
    expect(result.ranking.map((r) => [r.rank, r.organization.id, r.overdue, r.behindSchedule])).toEqual([
      [1, 'org-gd', 1, 0],
      [2, 'org-gx', 0, 1],
      [3, 'org-ndrc', 0, 0],
    ]);
  });

  it('finds items finished, newly overdue and moved since the previous run, biggest move first', () => {
    const previous = tally(
      items.map((each) => ({ ...each, status: 'in_progress', progress: 20 })),
      {
        asOf: '2026-10-25',
      },
    ).summary;
    const result = tally(
      [
        ...items.map((each) =>
          each.id === 'b-ndrc' ? { ...each, completedAt: '2026-11-20T02:00:00.5' } : each,
        ),
        item('new', 'task-1', 'org-ndrc', { status: 'done', progress: 100 }),
      ],
      { previous },
    );
    expect(result.changes.finished).toEqual([
      expect.objectContaining({ workItemId: 'b-ndrc', finishedAt: '2026-11-20T02:00:00.500Z' }),
    ]);
    expect(result.changes.newlyOverdue).toEqual([
      expect.objectContaining({ workItemId: 'a-gd', deadline: '2026-10-31', daysOverdue: 25 }),
    ]);
    expect(result.changes.progressDeltas.map((d) => [d.workItemId, d.from, d.to])).toEqual([
      ['b-ndrc', 20, 100],
      ['b-gx', 20, 95],
      ['a-gd', 20, 40],
      ['a-gx', 20, 30],
      ['b-gd', 20, 10],
    ]);
  });

  it('has nothing to compare without a previous run, and refuses an item of an unknown task', () => {
    expect(tally(items).changes).toEqual({ finished: [], newlyOverdue: [], progressDeltas: [] });
    expect(() => tally([item('x', 'task-9', 'org-gx')])).toThrow(
      /task or organization the report does not know/,
    );
  });
});
