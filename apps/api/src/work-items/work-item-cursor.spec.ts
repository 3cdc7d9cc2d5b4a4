import { decodeWorkItemCursor, encodeWorkItemCursor } from './work-item-cursor';

describe('work-item cursor', () => {
  const id = '0b6f1f5e-8f0c-4a57-9b5c-3c7d2a1e4f60';

  it('reads back what it wrote, for every kind of key', () => {
    for (const cursor of [
      { sort: 'deadline' as const, key: '20819', id },
      { sort: '-lastUpdateAt' as const, key: null, id },
      { sort: 'updatedAt' as const, key: '1764028800123456', id },
      { sort: '-title' as const, key: '推进北部湾港口群协同发展 "quoted"', id },
    ]) {
      expect(decodeWorkItemCursor(encodeWorkItemCursor(cursor))).toEqual(cursor);
    }
  });

  it('refuses what no page returned: other shapes, unknown sorts, keys that are not integers, ids that are not UUIDs', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      'not base64 json',
      encode({ sort: 'deadline', key: '1', id }),
      encode(['organization', '1', id]),
      encode(['deadline', "1'; DROP TABLE work_items; --", id]),
      encode(['deadline', 1, id]),
      encode(['deadline', '99999999999', id]),
      encode(['deadline', '1', 'not-a-uuid']),
    ]) {
      expect(decodeWorkItemCursor(text)).toBeNull();
    }
    // Timestamps in microseconds exceed 32 bits; other keys may not.
    expect(decodeWorkItemCursor(encode(['updatedAt', '99999999999', id]))).not.toBeNull();
  });
});
