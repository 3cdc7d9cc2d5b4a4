import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { readChunkedFile } from '@xietong/db';
import { AttachmentStorage } from './attachment-storage';

/**
 * The default driver: bytes in `attachment_chunks`, written in the same transaction as the
 * update they belong to (a refused update leaves no file behind) and read back one chunk per
 * query, so memory stays at one chunk whatever the file's size.
 */
export class PostgresAttachmentStorage implements AttachmentStorage {
  readonly name = 'postgres' as const;

  constructor(private readonly db: DataSource) {}

  async put(manager: EntityManager, object: { attachmentId: string }, source: Readable): Promise<string> {
    let seq = 0;
    for await (const chunk of source) {
      await manager.query(`INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES ($1, $2, $3)`, [
        object.attachmentId,
        seq++,
        chunk,
      ]);
    }
    return object.attachmentId;
  }

  async get(key: string): Promise<Readable> {
    return readChunkedFile(this.db, 'attachment_chunks', 'attachment_id', key);
  }
}
