import { createWriteStream, rmSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A request body as both transports hand it to the routes (web host: the HTTP request; desktop: the boardprep://
 * request). Read to memory only up to a small limit; large ones (uploads) go straight to disk. Either way the body
 * is refused as soon as it passes the limit, or at once when its declared length already does.
 */
export interface RequestBody {
  read(limit: number): Promise<Buffer>;
  /** Writes the body to `file` (which must not exist yet); nothing is left there when it fails. */
  saveTo(file: string, limit: number): Promise<void>;
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(limit: number) {
    super(
      `The request body is larger than ${limit >= 1024 ** 2 ? `${Math.round(limit / 1024 ** 2)} MB` : `${limit} bytes`}`,
    );
  }
}

function limiter(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? new BodyTooLargeError(limit) : null, chunk);
    },
  });
}

export function requestBody(stream: Readable, declaredLength?: number): RequestBody {
  const refuseEarly = (limit: number) => {
    // Not read, not destroyed: the answer still goes out on this connection, which is then closed.
    if (declaredLength !== undefined && declaredLength > limit) throw new BodyTooLargeError(limit);
  };
  return {
    async read(limit) {
      refuseEarly(limit);
      const chunks: Buffer[] = [];
      // The last stage of the pipeline is a plain consumer: it collects the chunks the limiter lets through.
      await pipeline(stream, limiter(limit), async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) chunks.push(chunk);
      });
      return Buffer.concat(chunks);
    },
    async saveTo(file, limit) {
      refuseEarly(limit);
      try {
        await pipeline(stream, limiter(limit), createWriteStream(file, { flags: 'wx' }));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(file, { force: true });
        throw err;
      }
    },
  };
}

/** The Content-Length a request declares, if it declares a sane one. */
export function declaredLength(value: string | null | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}
