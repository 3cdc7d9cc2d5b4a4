import { rollUpProgress } from './progress-roll-up';

describe(rollUpProgress.name, () => {
  it('is the rounded mean of the parts', () => {
    expect(
      rollUpProgress([
        { status: 'done', progress: 100 },
        { status: 'in_progress', progress: 50 },
        { status: 'not_started', progress: 0 },
      ]),
    ).toBe(50);
    expect(
      rollUpProgress([
        { status: 'in_progress', progress: 33 },
        { status: 'in_progress', progress: 34 },
      ]),
    ).toBe(34);
  });

  it('leaves cancelled parts out', () => {
    expect(
      rollUpProgress([
        { status: 'done', progress: 100 },
        { status: 'cancelled', progress: 0 },
      ]),
    ).toBe(100);
  });

  it('is null when nothing counts', () => {
    expect(rollUpProgress([])).toBeNull();
    expect(rollUpProgress([{ status: 'cancelled', progress: 10 }])).toBeNull();
  });
});
