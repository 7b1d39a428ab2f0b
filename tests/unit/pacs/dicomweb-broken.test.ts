import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsClient, ReceivedInstance } from '../../../electron/services/pacs/client';
import { dicomwebClient } from '../../../electron/services/pacs/dicomweb/dicomweb-client';
import { multipartParts, parseContentType } from '../../../electron/services/pacs/dicomweb/multipart';
import { sopInstanceUidOf } from '../../../electron/services/pacs/dicomweb/wado';
import { CT_SERIES } from '../../fixtures';
import { filesUnder } from '../../orthanc/orthanc';
import { settings } from './dicomweb-fixtures';

// What Orthanc cannot be made to do: a WADO-RS answer that is not the multipart it should be, and a connection
// that drops in the middle of one. A tiny local HTTP server answers each way, chosen by the first path segment.

const [first, second] = filesUnder(CT_SERIES)
  .sort()
  .slice(0, 2)
  .map((file) => readFileSync(file));
const BOUNDARY = 'test-boundary-1234';
const MULTIPART = `multipart/related; type="application/dicom"; boundary="${BOUNDARY}"`;

function part(bytes: Uint8Array, type = 'application/dicom', length = true): Buffer {
  const headers = `Content-Type: ${type}\r\n${length ? `Content-Length: ${bytes.length}\r\n` : ''}`;
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n`), bytes, Buffer.from('\r\n')]);
}
const CLOSE = Buffer.from(`--${BOUNDARY}--\r\n`);

/** Writes, then waits until the bytes are on their way (so the client sees them before what follows). */
function send(res: http.ServerResponse, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => res.write(bytes, () => resolve()));
}

const answers: Record<string, (res: http.ServerResponse) => Promise<void>> = {
  async json(res) {
    res.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end('[]');
  },
  async 'no-boundary'(res) {
    res.writeHead(200, { 'Content-Type': 'multipart/related; type="application/dicom"' }).end(part(first));
  },
  async 'no-parts'(res) {
    res.writeHead(200, { 'Content-Type': MULTIPART }).end('This is not a multipart body at all.');
  },
  async 'wrong-part'(res) {
    res
      .writeHead(200, { 'Content-Type': MULTIPART })
      .end(Buffer.concat([part(first), part(Buffer.from('hello'), 'text/plain'), CLOSE]));
  },
  async 'not-dicom'(res) {
    res.writeHead(200, { 'Content-Type': MULTIPART }).end(Buffer.concat([part(Buffer.alloc(300, 7)), CLOSE]));
  },
  async truncated(res) {
    // The answer ends properly (the last chunk), but in the middle of the second part.
    res.writeHead(200, { 'Content-Type': MULTIPART });
    await send(res, part(first));
    res.end(part(second).subarray(0, 2000));
  },
  async dropped(res) {
    res.writeHead(200, { 'Content-Type': MULTIPART });
    await send(res, part(first));
    await send(res, part(second).subarray(0, 2000));
    res.socket?.destroy();
  },
};

let server: http.Server;
let base: string;
const clients: PacsClient[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const [, mode, ...rest] = (req.url ?? '').split('?')[0].split('/');
    // QIDO (the instance count asked before a retrieval): nothing known, so no count is announced.
    if (rest[0] === 'studies' && rest.length === 1)
      return void res.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end('[]');
    const answer = answers[mode];
    if (!answer) return void res.writeHead(404).end();
    void answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function retrieveFrom(mode: string): Promise<{ error: unknown; received: ReceivedInstance[] }> {
  const client = dicomwebClient(settings(`${base}/${mode}`), '', 'Broken PACS');
  clients.push(client);
  const received: ReceivedInstance[] = [];
  try {
    await client.retrieve({ studyUid: '1.2.3' }, { onInstance: async (i) => void received.push(i) });
  } catch (error) {
    return { error, received };
  }
  return { error: undefined, received };
}

describe('a malformed WADO-RS answer', () => {
  it.each([
    ['json', /answered \/studies\/1\.2\.3 with application\/dicom\+json, not multipart\/related/],
    ['no-boundary', /multipart answer without a boundary/],
    ['no-parts', /malformed multipart: the answer has no part \(no boundary "test-boundary-1234" in it\)/],
    ['wrong-part', /Part 2 of the answer to \/studies\/1\.2\.3 is text\/plain, not application\/dicom/],
    ['not-dicom', /Part 1 of the answer to \/studies\/1\.2\.3 is not a DICOM Part 10 file/],
    ['truncated', /malformed multipart: the answer ended in part 2, before the closing boundary/],
  ])('%s: fails as a bad answer saying what was wrong', async (mode, message) => {
    const { error } = await retrieveFrom(mode);
    expect(error).toMatchObject({ name: 'PacsError', failure: 'bad-answer' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('(Broken PACS)');
  });

  it('keeps the instances handed before the answer went wrong', async () => {
    const { received } = await retrieveFrom('truncated');
    expect(received.map((r) => r.sopInstanceUid)).toEqual([sopInstanceUidOf(first)]);
    expect(Buffer.from(received[0].bytes).equals(first)).toBe(true);
  });
});

describe('a connection dropped mid-stream', () => {
  it('fails as dropped, keeping the instance that arrived whole', async () => {
    const { error, received } = await retrieveFrom('dropped');
    expect(error).toMatchObject({ name: 'PacsError', failure: 'dropped' });
    expect((error as Error).message).toMatch(/The connection to 127\.0\.0\.1:\d+ dropped in the middle of the answer/);
    expect(received.map((r) => r.sopInstanceUid)).toEqual([sopInstanceUidOf(first)]);
  });
});

describe('the multipart reader', () => {
  async function* chunksOf(body: Buffer, size: number) {
    for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
  }
  async function read(body: Buffer, size: number) {
    const parts = [];
    for await (const p of multipartParts(chunksOf(body, size), BOUNDARY)) parts.push(p);
    return parts;
  }

  it('reads parts with and without Content-Length, after a preamble, whatever the chunk size', async () => {
    const small = [Buffer.from('first body'), Buffer.from(`second\r\n--${BOUNDARY.slice(0, 5)} almost a boundary`)];
    const body = Buffer.concat([
      Buffer.from('preamble text\r\n'),
      part(small[0]),
      part(small[1], 'application/dicom', false),
      Buffer.from(`--${BOUNDARY}\r\n\r\nno headers\r\n`),
      CLOSE,
    ]);
    for (const size of [1, 3, 7, 64, 100_000]) {
      const parts = await read(body, size);
      expect(parts.map((p) => Buffer.from(p.body).toString())).toEqual([...small.map(String), 'no headers']);
      expect(parts[0].headers).toEqual({ 'content-type': 'application/dicom', 'content-length': '10' });
      expect(parts[2].headers).toEqual({});
    }
  });

  it('refuses a part shorter or longer than its Content-Length', async () => {
    const lying = Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Length: 5\r\n\r\nsix!!!\r\n`), CLOSE]);
    await expect(read(lying, 4)).rejects.toThrow('part 1 is not 5 bytes long as its Content-Length says');
  });

  it('reads quoted parameters of a content type', () => {
    expect(parseContentType(`Multipart/Related; type="application/dicom"; boundary="a;b"`)).toEqual({
      type: 'multipart/related',
      params: { type: 'application/dicom', boundary: 'a;b' },
    });
  });
});
