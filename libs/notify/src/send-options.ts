/**
 * Options of a channel send. `beforeAccept` runs once the whole message has reached the receiver
 * except its terminator (SMTP's final dot, an HTTP body's last byte): the receiver cannot act on
 * the message before it resolves, and never will if it rejects. The delivery worker waits there
 * for its turn to complete a send (one at a time per process), so that a crash can leave at most
 * one message accepted but not yet recorded as sent — the one duplicate a crash may cause.
 */
export interface SendOptions {
  beforeAccept?: () => Promise<void>;
}
