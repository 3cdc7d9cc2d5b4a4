import { Readable } from 'node:stream';

/** Files kept in Postgres (evidence, report files) are stored in pieces of this size, one row each. */
export const FILE_CHUNK_BYTES = 256 * 1024;

/** What reads a chunk: a DataSource or an EntityManager. */
interface Queryable {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

/**
 * A file stored as numbered chunk rows (`data` by `seq` under `keyColumn`), read back one chunk per
 * query, so memory stays at one chunk whatever the file's size.
 */
export function readChunkedFile(
  db: Queryable,
  table: 'attachment_chunks' | 'report_file_chunks',
  keyColumn: 'attachment_id' | 'file_id',
  key: string,
): Readable {
  return Readable.from(
    (async function* () {
      for (let seq = 0; ; seq++) {
        const [row] = (await db.query(`SELECT data FROM ${table} WHERE ${keyColumn} = $1 AND seq = $2`, [
          key,
          seq,
        ])) as { data: Buffer }[];
        if (!row) return;
        yield row.data;
      }
    })(),
    { objectMode: false },
  );
}
