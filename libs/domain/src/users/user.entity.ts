import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { type NotificationPreferences, type UserRole } from '@xietong/rules';
import { Organization } from '../organizations/organization.entity';

export const NOTIFICATION_PREFERENCES_DEFAULT_SQL = `'{"channels": ["email", "in_app"], "dailyDigest": false, "coLeadUpdates": "digest"}'`;

@Entity('users')
@Check('users_email_check', `(email = lower(email))`)
@Check(
  'users_role_check',
  `(role = ANY (ARRAY['admin'::text, 'manager'::text, 'coordinator'::text, 'liaison'::text, 'viewer'::text]))`,
)
@Unique('users_calendar_token_hash_key', ['calendarTokenHash'])
@Unique('users_email_key', ['email'])
@Index('users_organization_role_idx', ['organizationId', 'role'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @ForeignKey(() => Organization, 'id', { name: 'users_organization_id_fkey', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ type: 'text', default: 'zh-CN' })
  locale!: string;

  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timeZone!: string;

  // Written as Postgres prints a jsonb default (spaces after ':' and ','), so the schema comparison
  // sees the migration's default; the schema-drift spec keeps it equal to DEFAULT_NOTIFICATION_PREFERENCES.
  @Column({ type: 'jsonb', default: () => NOTIFICATION_PREFERENCES_DEFAULT_SQL })
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
