import {
  Column,
  CreateDateColumn,
  Entity,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../organizations/organization.entity';

export const USER_ROLES = ['admin', 'manager', 'coordinator', 'liaison', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'in_app', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export interface NotificationPreferences {
  channels: NotificationChannel[];
  /** One mail a day with everything instead of one mail per reminder. */
  dailyDigest: boolean;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  channels: ['email', 'in_app'],
  dailyDigest: false,
};

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  organization?: Organization;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ type: 'text', default: 'zh-CN' })
  locale!: string;

  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timeZone!: string;

  @Column({ type: 'jsonb', default: () => `'${JSON.stringify(DEFAULT_NOTIFICATION_PREFERENCES)}'` })
  notificationPreferences!: NotificationPreferences;

  /** SHA-256 of the calendar-feed token; the token itself is shown once and can be revoked. */
  @Column({ type: 'text', nullable: true, select: false })
  calendarTokenHash!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
