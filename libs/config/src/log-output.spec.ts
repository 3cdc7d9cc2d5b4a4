import { logTransport } from './log-output';

describe(logTransport.name, () => {
  const development = { nodeEnv: 'development', logFormat: undefined } as const;

  it('prettifies for a developer at a terminal', () => {
    expect(logTransport(development, { isTTY: true })?.target).toBe('pino-pretty');
  });

  it('writes JSON when the output is a pipe or a file', () => {
    expect(logTransport(development, { isTTY: false })).toBeUndefined();
    expect(logTransport(development, {})).toBeUndefined();
  });

  it('follows LOG_FORMAT over the guess', () => {
    expect(logTransport({ ...development, logFormat: 'pretty' }, {})?.target).toBe('pino-pretty');
    expect(logTransport({ ...development, logFormat: 'json' }, { isTTY: true })).toBeUndefined();
  });

  it('writes JSON in production even on a terminal (docker run -t)', () => {
    expect(logTransport({ nodeEnv: 'production', logFormat: 'pretty' }, { isTTY: true })).toBeUndefined();
  });
});
