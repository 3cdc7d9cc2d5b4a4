/**
 * Options of a channel send. `beforeAccept` runs once the whole message has reached the receiver
 * except its terminator (SMTP's final dot, an HTTP body's last byte): the receiver cannot act on
 * the message before it returns, and never will if it throws. The delivery worker marks the row
 * sent there, so a worker killed at any moment neither loses the message (row still pending, the
 * half-sent message discarded by the receiver) nor sends it twice (row already sent).
 */
export interface SendOptions {
  beforeAccept?: () => Promise<void>;
}
