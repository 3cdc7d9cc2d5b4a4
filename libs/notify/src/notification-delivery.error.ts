/**
 * A send that failed, with a message a person can act on. `permanent` tells the delivery queue
 * whether retrying can help (a refused address, a 4xx) or not (a timeout, a 5xx, a rate limit).
 */
export class NotificationDeliveryError extends Error {
  readonly permanent: boolean;

  constructor(
    readonly channel: 'email' | 'webhook',
    message: string,
    options: { permanent?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'NotificationDeliveryError';
    this.permanent = options.permanent ?? false;
  }
}
