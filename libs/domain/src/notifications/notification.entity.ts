import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { WorkItem } from '../work-items/work-item.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { User } from '../users/user.entity';

export const NOTIFICATION_KINDS = [
  'due_soon',
  'due_today',
  'overdue',
  'escalation',
  'assigned',
  'update_posted',
  'report',
  'silent',
  'cadence',
  'digest',
  'sent_back',
  'extension_requested',
  'extension_decided',
  'completion_submitted',
  'completion_accepted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_CHANNELS = ['email', 'in_app', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** `sending`: handed to the receiver, not yet confirmed; a row left so by a crash is delivered again. */
export const NOTIFICATION_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** Transient failures (server down, greylisting, HTTP 5xx) keep being retried; permanent ones do not. */
export const FAILURE_KINDS = ['transient', 'permanent'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/**
 * The outbox. A row is written in the same transaction as the decision to notify; the unique
 * dedupe key makes a repeated scan harmless, and the state guards the send itself.
 */
@Entity('notifications')
@Check(
  'notifications_failure_kind_check',
  `(failure_kind = ANY (ARRAY['transient'::text, 'permanent'::text]))`,
)
@Check('notifications_redeliveries_check', `(redeliveries >= 0)`)
@Index('notifications_batch_idx', ['batchId'], { where: `batch_id IS NOT NULL` })
@Index('notifications_retry_idx', ['lastAttemptAt'], {
  where: `(state = 'sending'::text) OR ((state = 'failed'::text) AND (failure_kind = 'transient'::text))`,
})
@Check('notifications_attempts_check', `(attempts >= 0)`)
@Check(
  'notifications_channel_check',
  `(channel = ANY (ARRAY['email'::text, 'in_app'::text, 'webhook'::text]))`,
)
@Check('notifications_check', `((recipient_id IS NOT NULL) OR (webhook_endpoint_id IS NOT NULL))`)
@Check('notifications_check1', `((state <> 'sent'::text) OR (sent_at IS NOT NULL))`)
@Check('notifications_state_check', `(state = ANY (ARRAY['pending'::text, 'sent'::text, 'failed'::text]))`)
@Unique('notifications_dedupe_key_key', ['dedupeKey'])
// (created_at DESC) in the migration: TypeORM compares the columns, not their order
@Index('notifications_failed_idx', ['createdAt'], { where: `state = 'failed'::text` })
@Index('notifications_pending_idx', ['sendAfter'], { where: `state = 'pending'::text` })
// (recipient_id, created_at DESC) in the migration: TypeORM compares the columns, not their order
@Index('notifications_recipient_idx', ['recipientId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => User, 'id', { name: 'notifications_recipient_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', nullable: true })
  recipientId!: string | null;

  @ForeignKey(() => WebhookEndpoint, 'id', {
    name: 'notifications_webhook_endpoint_id_fkey',
    onDelete: 'CASCADE',
  })
  @Column({ type: 'uuid', nullable: true })
  webhookEndpointId!: string | null;

  @Column({ type: 'text' })
  channel!: DeliveryChannel;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'text' })
  dedupeKey!: string;

  @ForeignKey(() => WorkItem, 'id', { name: 'notifications_work_item_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', nullable: true })
  workItemId!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  state!: NotificationState;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Why the last attempt failed, in words (Chinese first), and whether it will be retried. */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'text', nullable: true })
  failureKind!: FailureKind | null;

  /** Start of the retry window: transient failures are retried this long before the row says failed. */
  @Column({ type: 'timestamptz', nullable: true })
  firstFailedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** Set when the receiver may accept (the terminator is about to go); cleared at each claim. */
  @Column({ type: 'timestamptz', nullable: true })
  handedOverAt!: Date | null;

  /** Sends again of a row a crash caught after hand-over, before the sent mark: each a possible duplicate. */
  @Column({ type: 'int', default: 0 })
  redeliveries!: number;

  /** The row whose id names a digest mail carrying this row (Message-ID); a resend keeps the batch. */
  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  /** Quiet hours and digests push this forward; nothing is sent before it. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  sendAfter!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
