/**
 * An incremental multipart/related reader (RFC 2046 section 5.1, as WADO-RS sends it): parts are yielded as soon
 * as each is complete, so a 500-slice study never sits in memory whole; the next bytes are read only when the
 * consumer asks for the next part, so a slow disk slows the download instead of filling memory.
 */

export interface Part {
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The answer is not the multipart it should be. `truncated`: it ended before its closing delimiter. */
export class MultipartError extends Error {
  override name = 'MultipartError';
  constructor(
    message: string,
    readonly truncated = false,
  ) {
    super(message);
  }
}

/** A part's headers may not be longer than this; beyond it the answer is not multipart. */
const MAX_HEADER_BYTES = 16 * 1024;
/** Text before the first delimiter (the preamble) is allowed, but not megabytes of it. */
const MAX_PREAMBLE_BYTES = 64 * 1024;

/** The media type and parameters of a Content-Type value (parameter names lower case, quotes removed). */
export function parseContentType(value: string): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const raw = param.slice(eq + 1).trim();
    params[param.slice(0, eq).trim().toLowerCase()] =
      raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Splits on semicolons outside quoted strings (type="application/dicom" holds a slash, a boundary may hold ;). */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && quoted && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** A growable byte buffer: appending is amortised O(1), so a part arriving in many small chunks costs one copy. */
class Bytes {
  buf = Buffer.alloc(64 * 1024);
  length = 0;
  /** Offset of the first unconsumed byte. */
  start = 0;

  get available(): number {
    return this.length - this.start;
  }

  append(chunk: Uint8Array): void {
    if (this.start > 0 && this.start === this.length) {
      this.start = 0;
      this.length = 0;
    }
    if (this.length + chunk.length > this.buf.length) {
      const live = this.available;
      // Move the unconsumed bytes to the front, and grow if they still do not fit.
      const size = Math.max(this.buf.length, live + chunk.length);
      const next = size > this.buf.length ? Buffer.alloc(Math.max(size, this.buf.length * 2)) : this.buf;
      this.buf.copy(next, 0, this.start, this.length);
      this.buf = next;
      this.start = 0;
      this.length = live;
    }
    this.buf.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** Offset (from start) of needle at or after `from`, or -1. */
  indexOf(needle: Buffer, from: number): number {
    const at = this.buf.subarray(0, this.length).indexOf(needle, this.start + from);
    return at < 0 ? -1 : at - this.start;
  }

  /** A copy of the next n bytes (the part outlives this buffer), consumed. */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    out.set(this.buf.subarray(this.start, this.start + n));
    this.start += n;
    return out;
  }

  skip(n: number): void {
    this.start += n;
  }

  peek(n: number): Buffer {
    return this.buf.subarray(this.start, this.start + Math.min(n, this.available));
  }
}

/**
 * Yields each part of a multipart body read from `chunks`. Throws MultipartError when the body is not multipart
 * with this boundary, a part's Content-Length does not match, or the body ends before the closing delimiter.
 */
export async function* multipartParts(
  chunks: AsyncIterable<Uint8Array>,
  boundary: string,
): AsyncGenerator<Part, void, undefined> {
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const bytes = new Bytes();
  const source = chunks[Symbol.asyncIterator]();
  let ended = false;
  let partCount = 0;

  /** Reads one more chunk; false at the end of the body. */
  async function more(): Promise<boolean> {
    if (ended) return false;
    const next = await source.next();
    if (next.done) {
      ended = true;
      return false;
    }
    bytes.append(next.value);
    return true;
  }

  async function need(n: number, what: string): Promise<void> {
    while (bytes.available < n) if (!(await more())) throw truncated(what);
  }

  function truncated(what: string): MultipartError {
    return new MultipartError(
      partCount === 0 && what === 'the first boundary'
        ? `the answer has no part (no boundary "${boundary}" in it)`
        : `the answer ended in ${what}, before the closing boundary`,
      true,
    );
  }

  /** Waits until needle is buffered; answers its offset. */
  async function find(needle: Buffer, from: number, limit: number, what: string): Promise<number> {
    let searched = from;
    for (;;) {
      const at = bytes.indexOf(needle, searched);
      if (at >= 0) return at;
      if (bytes.available > limit) throw new MultipartError(`${what} is missing (no boundary "${boundary}" found)`);
      // Bytes already searched need not be searched again, except a needle's length of them at the end.
      searched = Math.max(from, bytes.available - needle.length + 1);
      if (!(await more())) throw truncated(what);
    }
  }

  try {
    // The first delimiter may come after a preamble, and has no CRLF before it when it opens the body.
    const first = await find(dashBoundary, 0, MAX_PREAMBLE_BYTES, 'the first boundary');
    bytes.skip(first + dashBoundary.length);
    for (;;) {
      // After a delimiter: "--" closes the body; otherwise optional padding, CRLF, the part's headers.
      await need(2, `part ${partCount + 1}`);
      if (bytes.peek(2).toString('latin1') === '--') return;
      const headerEnd = await find(
        Buffer.from('\r\n\r\n'),
        0,
        MAX_HEADER_BYTES,
        `the headers of part ${partCount + 1}`,
      );
      const headerText = bytes.take(headerEnd + 4);
      const headers = parseHeaders(Buffer.from(headerText).toString('latin1'), partCount + 1);
      partCount++;

      const declared = headers['content-length'];
      let bodyLength: number;
      if (declared !== undefined && /^\d+$/.test(declared.trim())) {
        bodyLength = Number(declared.trim());
        await need(bodyLength + delimiter.length, `part ${partCount}`);
        if (
          !bytes
            .peek(bodyLength + delimiter.length)
            .subarray(bodyLength)
            .equals(delimiter)
        )
          throw new MultipartError(`part ${partCount} is not ${bodyLength} bytes long as its Content-Length says`);
      } else {
        bodyLength = await find(delimiter, 0, Number.POSITIVE_INFINITY, `part ${partCount}`);
      }
      const body = bytes.take(bodyLength);
      bytes.skip(delimiter.length);
      yield { headers, body };
    }
  } finally {
    // Stops the download when the consumer stops early (an abort, a failed write) or the body was malformed.
    if (!ended) await source.return?.();
  }
}

function parseHeaders(text: string, part: number): Record<string, string> {
  // The text is the rest of the delimiter line (transport padding, CRLF), the header lines, and CRLF CRLF.
  const lines = text.split('\r\n');
  if (lines[0].trim() !== '')
    throw new MultipartError(
      `the boundary line of part ${part} has text after the boundary: "${lines[0].slice(0, 40)}"`,
    );
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`part ${part} has a header line that is not "Name: value"`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
