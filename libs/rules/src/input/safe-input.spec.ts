import { describeUnsafeValue, findUnsafeValue, jsonDepthExceeds } from './safe-input';

describe(findUnsafeValue.name, () => {
  it('finds control characters anywhere, keys included, and says where', () => {
    expect(findUnsafeValue({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'body')).toEqual({
      path: 'body.a[1].c',
      reason: 'control_character',
      character: 'U+0000',
      position: 2,
    });
    expect(findUnsafeValue({ ['k\u007f']: 1 }, 'query')?.path).toBe('query (a key)');
    expect(findUnsafeValue('tab\there\r\nnew line', 'body')).toBeNull();
  });

  it('finds integers that lost their exact value, not ordinary numbers', () => {
    expect(findUnsafeValue({ version: 2 ** 53 }, 'body')).toEqual({
      path: 'body.version',
      reason: 'unsafe_integer',
    });
    expect(findUnsafeValue({ n: -(2 ** 53) }, 'body')?.reason).toBe('unsafe_integer');
    expect(findUnsafeValue({ version: 2 ** 53 - 1, progress: 42.5 }, 'body')).toBeNull();
    expect(describeUnsafeValue({ path: 'body.version', reason: 'unsafe_integer' })).toMatch(/2\^53/);
  });

  it('leaves uploaded bytes alone', () => {
    expect(findUnsafeValue({ file: Buffer.from([0, 1, 2]) }, 'body')).toBeNull();
  });
});

describe(jsonDepthExceeds.name, () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ text: '[[[[[[{{{{"\\"[[[[' }), 2)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(10_000), 32)).toBe(true);
  });
});
