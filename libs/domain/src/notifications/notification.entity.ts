import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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

export const NOTIFICATION_STATES = ['pending', 'sent', 'failed'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * The outbox. A row is written in the same transaction as the decision to notify; the unique
 * dedupe key makes a repeated scan harmless, and the state guards the send itself.
 */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  recipientId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  webhookEndpointId!: string | null;

  @Column({ type: 'text' })
  channel!: DeliveryChannel;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'text', unique: true })
  dedupeKey!: string;

  @Column({ type: 'uuid', nullable: true })
  workItemId!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  state!: NotificationState;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

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
