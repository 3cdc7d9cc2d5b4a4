/**
 * One turn at a time: the last step of a send (the receiver accepting, then the row marked sent)
 * runs for one delivery of this process at a time. Everything before it runs concurrently; this
 * bounds what a crash can repeat to the single message accepted but not yet recorded.
 */
export class AcceptGate {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the function that ends this turn; the next waiter starts once it is called. */
  async enter(): Promise<() => void> {
    let leave!: () => void;
    const turn = new Promise<void>((resolve) => (leave = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    return leave;
  }
}
