import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const ATTACHMENT_STORAGES = ['postgres', 's3'] as const;
export type AttachmentStorageName = (typeof ATTACHMENT_STORAGES)[number];

/** 佐证材料: a file attached to an update (progress, extension request, completion) of one item. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workItemId!: string;

  @Column({ type: 'uuid', nullable: true })
  updateId!: string | null;

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

  @Column({ type: 'uuid' })
  uploadedById!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The Postgres driver's bytes: fixed-size pieces read one at a time, never a whole file. */
@Entity('attachment_chunks')
export class AttachmentChunk {
  @PrimaryColumn({ type: 'uuid' })
  attachmentId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;
}
