import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { AttachmentStorageName } from '@xietong/domain';

export const ATTACHMENT_STORAGE = Symbol('ATTACHMENT_STORAGE');

/**
 * Where evidence bytes live. Both drivers take and give streams, so no file is ever held whole in
 * memory; the metadata row (name, type, size, hash, who) is the service's and always in Postgres.
 */
export interface AttachmentStorage {
  readonly name: AttachmentStorageName;
  /** Stores the bytes under the returned key; `manager` is the caller's transaction (used where the driver can). */
  put(
    manager: EntityManager,
    object: { attachmentId: string; workItemId: string; contentType: string; size: number },
    source: Readable,
  ): Promise<string>;
  get(key: string): Promise<Readable>;
}
