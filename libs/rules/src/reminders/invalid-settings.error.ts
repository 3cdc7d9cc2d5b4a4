import type { z } from 'zod';

/** A policy or cadence from JSON that cannot be used; `issues` name each field and what is wrong. */
export class InvalidSettingsError extends Error {
  constructor(
    readonly subject: string,
    readonly issues: string[],
  ) {
    super(`Invalid ${subject}: ${issues.join('; ')}`);
    this.name = 'InvalidSettingsError';
  }
}

export function parseSettings<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidSettingsError(subject, result.error.issues.map(describeIssue));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`))
    .join('');
  return path ? `${path}: ${issue.message}` : issue.message;
}
