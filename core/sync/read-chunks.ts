/** A file as text chunks for a parser (1 MiB at a time), telling how many bytes each chunk was. */
import { createReadStream } from 'node:fs';

export async function* readChunks(file: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    onBytes(Buffer.byteLength(chunk));
    yield chunk;
  }
}
