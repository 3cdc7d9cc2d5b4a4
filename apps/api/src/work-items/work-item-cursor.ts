import { WORK_ITEM_SORTS, WorkItemSort } from './dto/work-item-list-query.dto';

/** Where a keyset page starts: after the item with this id and this sort value (as Postgres prints it). */
export interface WorkItemCursor {
  sort: WorkItemSort;
  /**
   * The sort value as text: the title itself; otherwise an integer — days since 1970-01-01 for
   * dates, microseconds since the epoch for timestamps (exact, whatever the session's DateStyle),
   * the number itself; null for items without one (sorted last).
   */
  key: string | null;
  id: string;
}

/** Far longer than any task title a plan carries; a cursor holds the whole title it sorted by. */
const MAX_TITLE_KEY = 2000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Titles are text (as long as a title may be); every other key an integer, 32-bit but for timestamps in microseconds. */
function isKeyOf(sort: WorkItemSort, key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const field = sort.replace(/^-/, '');
  if (field === 'title') return key.length <= MAX_TITLE_KEY;
  if (!/^-?\d{1,16}$/.test(key)) return false;
  return field === 'updatedAt' || field === 'lastUpdateAt' || Math.abs(Number(key)) <= 2 ** 31 - 1;
}

/** Opaque to clients (base64url JSON), so its shape can change without breaking anyone's links. */
export function encodeWorkItemCursor(cursor: WorkItemCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

/**
 * The cursor a previous page returned, or null when the text is not one. It carries its sort, so
 * a cursor from another sort order is refused rather than silently skipping or repeating items.
 */
export function decodeWorkItemCursor(text: string): WorkItemCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [sort, key, id] = parsed as unknown[];
  if (!WORK_ITEM_SORTS.includes(sort as WorkItemSort)) return null;
  if (key !== null && !isKeyOf(sort as WorkItemSort, key)) return null;
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  return { sort: sort as WorkItemSort, key: key as string | null, id };
}
