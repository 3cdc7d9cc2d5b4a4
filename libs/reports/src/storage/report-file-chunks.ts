import { Readable, Writable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { FILE_CHUNK_BYTES, readChunkedFile } from '@xietong/db';

/**
 * A file being written, stored as it comes: whatever is written is cut into `FILE_CHUNK_BYTES`
 * pieces, each inserted through `manager` (a transaction of its own, not the one a report reads
 * from) before more is accepted, so memory stays at about one piece. `bytes` is the size so far.
 */
export class ReportFileChunkWriter extends Writable {
  bytes = 0;
  private seq = 0;
  /** Bytes written that do not fill a piece yet (less than FILE_CHUNK_BYTES). */
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly manager: EntityManager,
    private readonly fileId: string,
  ) {
    super({ highWaterMark: FILE_CHUNK_BYTES });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    this.storeFullPieces(Buffer.concat([this.pending, chunk])).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    (rest.length ? this.insert(rest) : Promise.resolve()).then(() => callback(), callback);
  }

  /** Joined once per write: a large write (a whole PDF) is cut into views, not copied per piece. */
  private async storeFullPieces(joined: Buffer): Promise<void> {
    let offset = 0;
    for (; joined.length - offset >= FILE_CHUNK_BYTES; offset += FILE_CHUNK_BYTES) {
      await this.insert(joined.subarray(offset, offset + FILE_CHUNK_BYTES));
    }
    // Copied, so the rest does not keep the whole joined buffer alive.
    this.pending = Buffer.from(joined.subarray(offset));
  }

  private async insert(piece: Buffer): Promise<void> {
    await this.manager.query(`INSERT INTO report_file_chunks (file_id, seq, data) VALUES ($1, $2, $3)`, [
      this.fileId,
      this.seq++,
      piece,
    ]);
  }
}

/** A stored report file's bytes, read one piece per query: memory stays at one piece whatever the size. */
export function readReportFile(manager: EntityManager, fileId: string): Readable {
  return readChunkedFile(manager, 'report_file_chunks', 'file_id', fileId);
}

/** SQL for a file's whole content (`f` is report_files), for the few places that need it at once: mail attachments. */
export const REPORT_FILE_CONTENT_SQL = `coalesce((SELECT string_agg(c.data, ''::bytea ORDER BY c.seq)
  FROM report_file_chunks c WHERE c.file_id = f.id), ''::bytea)`;
