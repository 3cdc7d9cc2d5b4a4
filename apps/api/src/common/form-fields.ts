import { Transform } from 'class-transformer';

/**
 * Multipart fields arrive as text: "40" becomes 40 and "true" true, anything else stays as sent
 * so the validators refuse it with their own message instead of a silent NaN or false.
 */
export const FormNumber = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value));

export const FormBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
