import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DimseSettings } from '../../../shared/domain/pacs';
import { PacsError, type ReceivedInstance } from '../../../electron/services/pacs/client';
import { dimseClient } from '../../../electron/services/pacs/dimse/dimse-client';
import { startStorageScp } from '../../../electron/services/pacs/dimse/move-scp';
import { SINGLE } from '../../fixtures';
import { freePort, startOrthanc, type Orthanc, storeCt } from '../../orthanc/orthanc';

/** DIMSE C-MOVE to our own storage SCP, C-STORE, and a connection lost mid-retrieval, against a real Orthanc. */

let orthanc: Orthanc;
let movePort: number;
let studyUid: string;
let orthancUids: string[];

const settings = (over: Partial<DimseSettings> = {}): DimseSettings => ({
  calledAet: orthanc.aet,
  host: '127.0.0.1',
  port: orthanc.dicomPort,
  ourAet: 'BOARDPREP',
  tls: false,
  caFile: '',
  retrieve: 'c-move',
  movePort,
  ...over,
});

const client = (over: Partial<DimseSettings> = {}) => dimseClient(settings(over), 'Test PACS');

beforeAll(async () => {
  movePort = await freePort();
  orthanc = await startOrthanc({ peers: { BOARDPREP: { aet: 'BOARDPREP', port: movePort } } });
  ({ studyUid, sopUids: orthancUids } = await storeCt(orthanc));
});

afterAll(async () => {
  await orthanc?.stop();
});

/** Resolves true when something accepts a TCP connection on the port, false when it is refused. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const echo = (port: number, callingAet: string, calledAet: string) =>
  promisify(execFile)('echoscu', ['-aet', callingAet, '-aec', calledAet, '127.0.0.1', String(port)]).then(
    () => 'ok',
    (e: { stderr?: string }) => e.stderr ?? 'failed',
  );

describe('DIMSE retrieve by C-MOVE', () => {
  it('moves the study to our storage SCP, which listens only for the retrieval', async () => {
    const received: ReceivedInstance[] = [];
    const expected: number[] = [];
    expect(await listening(movePort)).toBe(false);
    await client().retrieve(
      { studyUid },
      {
        onInstance: async (instance) => {
          received.push(instance);
        },
        onExpected: (n) => expected.push(n),
      },
    );
    expect(expected).toEqual([37]);
    expect(received.map((i) => i.sopInstanceUid).sort()).toEqual(orthancUids);
    expect(Buffer.from(received[0].bytes.subarray(128, 132)).toString('latin1')).toBe('DICM');
    expect(await listening(movePort)).toBe(false);
  });

  it('moves only the missing instances when some are held', async () => {
    const received: string[] = [];
    await client().retrieve(
      { studyUid },
      {
        skip: new Set(orthancUids.slice(2)),
        onInstance: async (instance) => {
          received.push(instance.sopInstanceUid);
        },
      },
    );
    expect(received.sort()).toEqual(orthancUids.slice(0, 2));
  });

  it("our storage SCP takes associations only from the node's AE title, addressed to ours", async () => {
    const port = await freePort();
    const scp = await startStorageScp(settings({ movePort: port }), async () => {});
    try {
      expect(await echo(port, orthanc.aet, 'BOARDPREP')).toBe('ok');
      expect(await echo(port, 'INTRUDER', 'BOARDPREP')).toMatch(/Calling AE Title Not Recognized/i);
      expect(await echo(port, orthanc.aet, 'SOMEONEELSE')).toMatch(/Called AE Title Not Recognized/i);
    } finally {
      await scp.stop();
    }
    expect(await listening(port)).toBe(false);
  });

  it('a service the PACS does not offer is said so', async () => {
    const port = await freePort();
    // Our own storage SCP is a PACS that takes only C-ECHO and C-STORE.
    const scp = await startStorageScp(settings({ calledAet: 'ME', ourAet: 'STORE', movePort: port }), async () => {});
    try {
      const query = { patientId: '1', patientName: '', from: null, to: null, modality: '', accession: '' };
      const asking = dimseClient(settings({ port, calledAet: 'STORE', ourAet: 'ME' }), 'Store only');
      await expect(asking.findStudies(query)).rejects.toMatchObject({
        failure: 'bad-answer',
        message: `The PACS at 127.0.0.1:${port} does not offer C-FIND to ME`,
      });
      expect((await asking.test()).ok).toBe(true);
    } finally {
      await scp.stop();
    }
  });

  it('a PACS that does not know our AE title as a move destination: the message says what to ask for', async () => {
    const stranger = client({ ourAet: 'STRANGER' }).retrieve({ studyUid }, { onInstance: async () => {} });
    // Orthanc answers C000 (unable to process), not A801 (move destination unknown).
    await expect(stranger).rejects.toMatchObject({
      failure: 'bad-answer',
      message: expect.stringMatching(
        new RegExp(
          `^The PACS could not send everything: 0 sent, 0 failed \\(status C000 \\(unable to process\\).*\\); if it does not know STRANGER as a destination, ask its administrator to add STRANGER at this workstation's address, port ${movePort}$`,
        ),
      ),
    });
    expect(await listening(movePort)).toBe(false);
  });

  it('a busy move port is said in plain words', async () => {
    const blocker = net.createServer().listen(movePort, '0.0.0.0');
    await new Promise((r) => blocker.once('listening', r));
    try {
      await expect(client().retrieve({ studyUid }, { onInstance: async () => {} })).rejects.toThrow(
        `Port ${movePort} is already in use on this workstation: choose another move port for C-MOVE`,
      );
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('an abort mid-C-MOVE rejects as aborted and closes the move port', async () => {
    const controller = new AbortController();
    let count = 0;
    const retrieval = client().retrieve(
      { studyUid },
      {
        signal: controller.signal,
        onInstance: async () => {
          if (++count === 3) controller.abort();
        },
      },
    );
    await expect(retrieval).rejects.toMatchObject({ name: 'AbortError' });
    expect(count).toBeLessThan(37);
    expect(await listening(movePort)).toBe(false);
  });
});

describe('DIMSE send (C-STORE)', () => {
  it('stores files the PACS lacks, byte for byte, and answers their SOP instance UIDs', async () => {
    const files = ['CT_small.dcm', 'MR_small_RLE.dcm'].map((name) => readFileSync(path.join(SINGLE, name)));
    const before = await orthanc.rest<string[]>('/instances');
    const stored = await client().store(files);
    expect(stored).toHaveLength(2);
    const after = await orthanc.rest<{ ID: string; MainDicomTags: { SOPInstanceUID: string } }[]>('/instances?expand');
    expect(after).toHaveLength(before.length + 2);
    for (const [n, uid] of stored.entries()) {
      const held = after.find((i) => i.MainDicomTags.SOPInstanceUID === uid);
      expect(held).toBeDefined();
      const copy = Buffer.from(await (await fetch(`${orthanc.url}/instances/${held!.ID}/file`)).arrayBuffer());
      // Orthanc writes its own file meta header; the data set after it is ours, unchanged.
      expect(copy.subarray(copy.length - 4096).equals(files[n].subarray(files[n].length - 4096))).toBe(true);
    }
    // The RLE file went on a context of its own syntax: stored compressed, as sent, not transcoded.
    const rle = after.find((i) => i.MainDicomTags.SOPInstanceUID === stored[1])!;
    expect(await orthanc.rest(`/instances/${rle.ID}/metadata/TransferSyntax`)).toBe('1.2.840.10008.1.2.5');
  });

  it('a connection lost mid-retrieval is "dropped"', async () => {
    let count = 0;
    const retrieval = client({ retrieve: 'c-get' }).retrieve(
      { studyUid },
      {
        onInstance: async () => {
          if (++count === 2) await orthanc.pause();
        },
      },
    );
    const error = await retrieval.then(
      () => null,
      (e: unknown) => e,
    );
    await orthanc.start();
    expect(error).toBeInstanceOf(PacsError);
    expect(error).toMatchObject({ failure: 'dropped' });
    expect((error as PacsError).message).toBe(
      `The connection to 127.0.0.1:${orthanc.dicomPort} dropped during the C-GET`,
    );
  });
});
