import { Transform } from 'class-transformer';

/**
 * Multipart fields arrive as text: "40" becomes 40, anything else stays as sent so the validators
 * refuse it with their own message instead of a silent NaN. (Booleans: `@BooleanString()`.)
 */
export const FormNumber = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value));
