import type { WorkItemRow } from '../joint-report';
import { changesSince, ItemState, summarize } from './report-snapshot';

const gx = { id: 'org-gx', name: '广西壮族自治区', kind: 'province' as const };

function state(id: string, row: Partial<WorkItemRow>, extra: Partial<ItemState> = {}): ItemState {
  return {
    row: {
      workItemId: id,
      taskCode: '（一）',
      taskTitle: '共建北部湾国际门户港',
      organization: gx,
      chapter: null,
      owner: null,
      deadline: '2026-10-31',
      status: 'in_progress',
      progress: 50,
      light: 'green',
      lastUpdateAt: null,
      ...row,
    },
    overdue: false,
    daysOverdue: 0,
    completedAt: null,
    ...extra,
  };
}

const headline = {
  items: 3,
  done: 0,
  inProgress: 3,
  notStarted: 0,
  blocked: 0,
  cancelled: 0,
  overdue: 0,
  averageProgress: 50,
};

describe(changesSince.name, () => {
  const previous = summarize('2026-10-25', '2026-10-25T00:00:00.000Z', headline, [
    state('a', {}),
    state('b', { progress: 20 }),
    state('c', { progress: 70 }),
  ]);

  it('finds items finished, newly overdue and moved, biggest move first', () => {
    const changes = changesSince(
      previous,
      [
        state('a', { status: 'done', progress: 100 }, { completedAt: '2026-11-20T02:00:00.000Z' }),
        state('b', { progress: 30 }, { overdue: true, daysOverdue: 25 }),
        state('c', { progress: 70 }),
      ],
      '2026-11-25T00:00:00.000Z',
    );
    expect(changes.finished).toEqual([
      expect.objectContaining({ workItemId: 'a', finishedAt: '2026-11-20T02:00:00.000Z' }),
    ]);
    expect(changes.newlyOverdue).toEqual([
      expect.objectContaining({ workItemId: 'b', deadline: '2026-10-31', daysOverdue: 25 }),
    ]);
    expect(changes.progressDeltas.map((d) => [d.workItemId, d.from, d.to])).toEqual([
      ['a', 50, 100],
      ['b', 20, 30],
    ]);
  });

  it('leaves out items the previous run did not cover', () => {
    const changes = changesSince(
      previous,
      [state('new', { status: 'done', progress: 100 }, { overdue: true })],
      'now',
    );
    expect(changes).toEqual({ finished: [], newlyOverdue: [], progressDeltas: [] });
  });
});
