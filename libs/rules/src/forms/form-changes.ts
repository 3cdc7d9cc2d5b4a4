/**
 * What a form may send: only the fields the person changed from the values they saw, so a save
 * never writes back a value someone else changed meanwhile (a progress posted in another tab), and
 * which fields moved since they saw them, to show beside a 409.
 */
export type Fields = Record<string, string | number | null>;

/** The fields whose typed value differs from the one seen. */
export function changedFields<T extends Fields>(seen: T, typed: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(typed).filter(([field, value]) => value !== seen[field]),
  ) as Partial<T>;
}

/** The fields someone else changed since `seen`, with both values. */
export function movedFields<T extends Fields>(
  seen: T,
  current: T,
): { field: keyof T & string; seen: T[keyof T]; current: T[keyof T] }[] {
  return (Object.keys(seen) as (keyof T & string)[])
    .filter((field) => seen[field] !== current[field])
    .map((field) => ({ field, seen: seen[field], current: current[field] }));
}

/** Progress is a whole percentage from 0 to 100; anything else is refused, never clamped. */
export function isValidProgress(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100)
  );
}

/** Characters as the API counts them (class-validator's MaxLength counts UTF-16 units, as String.length does). */
export function isWithinLength(text: string | undefined, max: number): boolean {
  return (text ?? '').length <= max;
}
