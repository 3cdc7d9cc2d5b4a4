import { Transform } from 'class-transformer';

/**
 * Query strings and multipart fields carry "true"/"false" as text, and `Boolean("false")` is true.
 * Turns exactly those two words into booleans and leaves anything else as it came, so `@IsBoolean`
 * refuses it with a 400 instead of the value being guessed.
 */
export function BooleanString(): PropertyDecorator {
  return Transform(({ value }) => ({ true: true, false: false })[String(value) as 'true' | 'false'] ?? value);
}
