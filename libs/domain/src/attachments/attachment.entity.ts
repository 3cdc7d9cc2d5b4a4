import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkItem } from '../work-items/work-item.entity';
import { User } from '../users/user.entity';
import { WorkItemUpdate } from '../updates/work-item-update.entity';
import { Organization } from '../organizations/organization.entity';
import { DeadlineExtension } from '../work-items/deadline-extension.entity';

export const ATTACHMENT_STORAGES = ['postgres', 's3'] as const;
export type AttachmentStorageName = (typeof ATTACHMENT_STORAGES)[number];

/** 佐证材料: a file attached to an update (progress, extension request, completion) of one item. */
@Entity('attachments')
@Check('attachments_file_name_check', `((length(file_name) >= 1) AND (length(file_name) <= 255))`)
@Check('attachments_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$'::text)`)
@Check('attachments_size_check', `(size >= 0)`)
@Check('attachments_storage_check', `(storage = ANY (ARRAY['postgres'::text, 's3'::text]))`)
@Index('attachments_extension_idx', ['extensionId'], { where: `extension_id IS NOT NULL` })
@Index('attachments_update_idx', ['updateId'], { where: `update_id IS NOT NULL` })
@Index('attachments_work_item_idx', ['workItemId'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkItem, 'id', { name: 'attachments_work_item_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  workItemId!: string;

  @ForeignKey(() => WorkItemUpdate, 'id', { name: 'attachments_update_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', nullable: true })
  updateId!: string | null;

  @ForeignKey(() => DeadlineExtension, 'id', { name: 'attachments_extension_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', nullable: true })
  extensionId!: string | null;

  /** As the uploader named it (Chinese kept); downloads send it back per RFC 6266/5987. */
  @Column({ type: 'text' })
  fileName!: string;

  /** Decided from the content, never from the name or the client's header. */
  @Column({ type: 'text' })
  contentType!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'text' })
  storage!: AttachmentStorageName;

  /** The object key for s3; the attachment id for postgres. */
  @Column({ type: 'text' })
  storageKey!: string;

  @ForeignKey(() => User, 'id', { name: 'attachments_uploaded_by_id_fkey', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  uploadedById!: string;

  @ForeignKey(() => Organization, 'id', { name: 'attachments_organization_id_fkey', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The Postgres driver's bytes: fixed-size pieces read one at a time, never a whole file. */
@Entity('attachment_chunks')
@Check('attachment_chunks_seq_check', `(seq >= 0)`)
export class AttachmentChunk {
  @ForeignKey(() => Attachment, 'id', { name: 'attachment_chunks_attachment_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid' })
  attachmentId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;
}
