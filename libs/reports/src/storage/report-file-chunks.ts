import { Readable, Writable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** Report files are stored in pieces of this size, one row of report_file_chunks each. */
export const REPORT_CHUNK_BYTES = 256 * 1024;

/**
 * A file being written, stored as it comes: whatever is written is cut into `REPORT_CHUNK_BYTES`
 * pieces, each inserted through `manager` (a transaction of its own, not the one a report reads
 * from) before more is accepted, so memory stays at about one piece. `bytes` is the size so far.
 */
export class ReportFileChunkWriter extends Writable {
  bytes = 0;
  private seq = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly manager: EntityManager,
    private readonly fileId: string,
  ) {
    super({ highWaterMark: REPORT_CHUNK_BYTES });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    this.flushFull().then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush(this.pendingBytes).then(() => callback(), callback);
  }

  private async flushFull(): Promise<void> {
    while (this.pendingBytes >= REPORT_CHUNK_BYTES) await this.flush(REPORT_CHUNK_BYTES);
  }

  private async flush(length: number): Promise<void> {
    if (length === 0) return;
    const joined = Buffer.concat(this.pending, this.pendingBytes);
    const piece = joined.subarray(0, length);
    const rest = joined.subarray(length);
    this.pending = rest.length ? [Buffer.from(rest)] : [];
    this.pendingBytes = rest.length;
    await this.manager.query(`INSERT INTO report_file_chunks (file_id, seq, data) VALUES ($1, $2, $3)`, [
      this.fileId,
      this.seq++,
      piece,
    ]);
  }
}

/** A stored report file's bytes, read one piece per query: memory stays at one piece whatever the size. */
export function readReportFile(manager: EntityManager, fileId: string): Readable {
  return Readable.from(
    (async function* () {
      for (let seq = 0; ; seq++) {
        const [row]: { data: Buffer }[] = await manager.query(
          `SELECT data FROM report_file_chunks WHERE file_id = $1 AND seq = $2`,
          [fileId, seq],
        );
        if (!row) return;
        yield row.data;
      }
    })(),
    { objectMode: false },
  );
}

/** SQL for a file's whole content (`f` is report_files), for the few places that need it at once: mail attachments. */
export const REPORT_FILE_CONTENT_SQL = `coalesce((SELECT string_agg(c.data, ''::bytea ORDER BY c.seq)
  FROM report_file_chunks c WHERE c.file_id = f.id), ''::bytea)`;
