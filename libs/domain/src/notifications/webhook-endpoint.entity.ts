import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

export const WEBHOOK_FORMATS = ['json', 'wecom', 'dingtalk', 'feishu'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** A group robot or integration that receives an organization's notifications. */
@Entity('webhook_endpoints')
@Check(
  'webhook_endpoints_format_check',
  `(format = ANY (ARRAY['json'::text, 'wecom'::text, 'dingtalk'::text, 'feishu'::text]))`,
)
@Check('webhook_endpoints_url_check', `(url ~ '^https?://'::text)`)
@Index('webhook_endpoints_organization_idx', ['organizationId'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => Organization, 'id', {
    name: 'webhook_endpoints_organization_id_fkey',
    onDelete: 'CASCADE',
  })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text' })
  format!: WebhookFormat;

  @Column({ type: 'text', nullable: true, select: false })
  secret!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
