import { accountSlowdownMs, LOGIN_LIMITS } from './login-limits';

describe(accountSlowdownMs.name, () => {
  it('waits nothing for the first failures, then doubles up to the cap', () => {
    expect([0, 1, 2].map(accountSlowdownMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(accountSlowdownMs)).toEqual([250, 500, 1000, 2000]);
    expect(accountSlowdownMs(50)).toBe(LOGIN_LIMITS.slowdownMaxMs);
    expect(accountSlowdownMs(10_000)).toBe(LOGIN_LIMITS.slowdownMaxMs);
  });
});
