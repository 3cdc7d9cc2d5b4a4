/**
 * Values no field of ours can mean and that hurt further down: Postgres refuses NUL in text (a 500
 * where a 400 belongs), other C0 controls and DEL corrupt XLSX/XML, logs and terminals, and an
 * integer beyond 2^53 − 1 has already lost its exact value when JSON.parse read it.
 * Tab, line feed and carriage return are text.
 */
// Matching control characters is the point of this expression.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** How deep a request's JSON may nest: our bodies need a few levels, never dozens. */
export const MAX_JSON_DEPTH = 32;

export interface UnsafeValue {
  /** Where the value sits, e.g. `body.filters.provinceIds[2]`. */
  path: string;
  reason: 'control_character' | 'unsafe_integer';
  /** For control characters: the first one, as U+XXXX, and its 1-based position. */
  character?: string;
  position?: number;
}

/** The first unsafe string or number in a (parsed) value, walking objects and arrays. */
export function findUnsafeValue(value: unknown, path: string, seen = new Set<object>()): UnsafeValue | null {
  if (typeof value === 'string') {
    const match = CONTROL_CHARACTER.exec(value);
    if (!match) return null;
    return {
      path,
      reason: 'control_character',
      character: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
      position: match.index + 1,
    };
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value)
      ? { path, reason: 'unsafe_integer' }
      : null;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return null;
  // Buffers are uploaded files: bytes, not text fields.
  if (ArrayBuffer.isView(value) || value instanceof Date) return null;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnsafeValue(value[index], `${path}[${index}]`, seen);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = findUnsafeValue(key, `${path} (a key)`, seen);
    if (keyProblem) return keyProblem;
    const found = findUnsafeValue(child, `${path}.${key}`, seen);
    if (found) return found;
  }
  return null;
}

/** A sentence a person can act on, Chinese first. */
export function describeUnsafeValue(problem: UnsafeValue): string {
  if (problem.reason === 'unsafe_integer') {
    return `${problem.path} 的数值超出了可精确表示的整数范围（±9007199254740991）。${problem.path} is an integer beyond ±9007199254740991 (2^53 − 1), which cannot be represented exactly; send a smaller number.`;
  }
  return `${problem.path} 含有控制字符 ${problem.character}（第 ${problem.position} 个字符）；请删除后重试。${problem.path} contains the control character ${problem.character} at position ${problem.position}; remove it (only tab, line feed and carriage return are allowed in text).`;
}

/**
 * How deeply a JSON text nests, counted on the raw bytes before parsing (brackets inside strings
 * do not count), stopping as soon as `limit` is passed so a hostile body costs one short scan.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}
