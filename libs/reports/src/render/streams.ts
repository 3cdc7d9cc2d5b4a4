import { PassThrough, type Writable } from 'node:stream';

/** Writes `chunk` and, when `output` holds more than its high-water mark, waits for it to drain. */
export function written(output: Writable, chunk: string | Buffer): Promise<void> {
  if (output.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      output.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      output.off('drain', onDrain);
      reject(error);
    };
    output.once('drain', onDrain).once('error', onError);
  });
}

/** What a writer writes, as one buffer. */
export async function collect(write: (output: Writable) => Promise<void>): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => output.on('end', resolve).on('error', reject));
  await write(output);
  output.end();
  await ended;
  return Buffer.concat(chunks);
}
