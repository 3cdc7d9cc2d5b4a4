export const LOGIN_LIMITS = {
  /** Wrong passwords from one address for one account before that pair is locked. */
  pairFailures: 5,
  /** How long failures are remembered (and a locked pair stays locked). */
  failureWindowSeconds: 15 * 60,
  /** Sign-in attempts from one address per window, whatever the accounts. */
  addressAttempts: 30,
  addressWindowSeconds: 60,
  /** Failures on an account (from anywhere) before each attempt starts to wait. */
  slowdownAfter: 3,
  slowdownBaseMs: 250,
  slowdownMaxMs: 8_000,
} as const;

/**
 * The wait before checking a password for an account that has failed this often: nothing for the
 * first few, then doubling up to a cap. Guessing slows to a crawl while the owner, from their own
 * address, still gets in after a few seconds at worst.
 */
export function accountSlowdownMs(failures: number): number {
  if (failures < LOGIN_LIMITS.slowdownAfter) return 0;
  const doublings = Math.min(failures - LOGIN_LIMITS.slowdownAfter, 16);
  return Math.min(LOGIN_LIMITS.slowdownMaxMs, LOGIN_LIMITS.slowdownBaseMs * 2 ** doublings);
}
