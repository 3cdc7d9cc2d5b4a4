import { changedFields, isValidProgress, isWithinLength, movedFields } from './form-changes';

describe(changedFields.name, () => {
  it('keeps only what the person changed from what they saw', () => {
    const seen: Record<string, string | number | null> = {
      ownerId: null,
      deadline: '2026-12-31',
      status: 'in_progress',
      progress: 35,
    };
    const typed = { ownerId: 'u1', deadline: '2026-12-31', status: 'in_progress', progress: 35 };
    expect(changedFields(seen, typed)).toEqual({ ownerId: 'u1' });
    expect(changedFields(seen, { ...seen })).toEqual({});
  });
});

describe(movedFields.name, () => {
  it('lists the fields someone else changed, with both values', () => {
    const seen: Record<string, string | number | null> = { ownerId: null, progress: 35 };
    expect(movedFields(seen, { ownerId: null, progress: 40 })).toEqual([
      { field: 'progress', seen: 35, current: 40 },
    ]);
    expect(movedFields(seen, seen)).toEqual([]);
  });
});

describe(isValidProgress.name, () => {
  it('accepts whole percentages 0–100 and refuses the rest', () => {
    expect([0, 40, 100, undefined, null].every(isValidProgress)).toBe(true);
    expect([150, -1, 12.5, '40', Number.NaN].some(isValidProgress)).toBe(false);
  });
});

describe(isWithinLength.name, () => {
  it('counts as the API does', () => {
    expect(isWithinLength('港'.repeat(5000), 5000)).toBe(true);
    expect(isWithinLength('港'.repeat(5001), 5000)).toBe(false);
    expect(isWithinLength(undefined, 10)).toBe(true);
  });
});
