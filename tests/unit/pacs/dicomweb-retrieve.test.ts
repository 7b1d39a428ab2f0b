import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsClient, ReceivedInstance } from '../../../electron/services/pacs/client';
import { dicomwebClient } from '../../../electron/services/pacs/dicomweb/dicomweb-client';
import { CT_SERIES } from '../../fixtures';
import { filesUnder, startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { CT_INSTANCES, CT_STUDY_UID, orthancSopUids, settings } from './dicomweb-fixtures';

// WADO-RS retrieval of the 37-slice CT from a real Orthanc: the whole study, a resume that fetches only what is
// missing, and a cancel in the middle.

let orthanc: Orthanc;
let client: PacsClient;
let expected: string[];
let scratch: string;

beforeAll(async () => {
  orthanc = await startOrthanc();
  await orthanc.upload(filesUnder(CT_SERIES));
  client = dicomwebClient(settings(orthanc.dicomweb), '', 'Test PACS');
  expected = await orthancSopUids(orthanc);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'boardprep-wado-'));
}, 120_000);

afterAll(async () => {
  await client?.close();
  await orthanc?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** What a retrieval handed over, and the count it announced. */
function collector() {
  const received: ReceivedInstance[] = [];
  const announced: number[] = [];
  return {
    received,
    announced,
    uids: () => received.map((r) => r.sopInstanceUid).sort(),
    onInstance: async (instance: ReceivedInstance) => {
      received.push(instance);
    },
    onExpected: (count: number) => announced.push(count),
  };
}

/** The SOP Instance UID dcmdump reads in each file (it fails on a file that is not DICOM). */
function dcmdumpSopUids(instances: readonly ReceivedInstance[]): string[] {
  const files = instances.map((instance, i) => {
    const file = path.join(scratch, `${i}.dcm`);
    writeFileSync(file, instance.bytes);
    return file;
  });
  const dump = spawnSync('dcmdump', ['-q', '+P', '0008,0018', ...files], { encoding: 'utf8' });
  expect(dump.status, dump.stderr).toBe(0);
  return [...dump.stdout.matchAll(/\(0008,0018\) UI \[([0-9.]+)\]/g)].map((m) => m[1]).sort();
}

describe('WADO-RS retrieval', () => {
  it('retrieves the whole study: 37 Part 10 files, the UIDs Orthanc holds, bytes dcmdump reads', async () => {
    const sink = collector();
    await client.retrieve({ studyUid: CT_STUDY_UID }, sink);
    expect(sink.announced).toEqual([CT_INSTANCES]);
    expect(sink.uids()).toEqual(expected);
    expect(dcmdumpSopUids(sink.received)).toEqual(expected);
  });

  it('retrieves one series of the study', async () => {
    const seriesUid = (await client.findSeries(CT_STUDY_UID))[0]['0020000E'].Value?.[0] as string;
    const sink = collector();
    await client.retrieve({ studyUid: CT_STUDY_UID, seriesUid }, sink);
    expect(sink.announced).toEqual([CT_INSTANCES]);
    expect(sink.uids()).toEqual(expected);
  });

  it('on a resume with 30 instances held, fetches only the 7 missing ones', async () => {
    const held = new Set(expected.slice(0, 30));
    const sink = collector();
    await client.retrieve({ studyUid: CT_STUDY_UID }, { ...sink, skip: held });
    expect(sink.announced).toEqual([7]);
    expect(sink.uids()).toEqual(expected.slice(30));
    expect(dcmdumpSopUids(sink.received)).toEqual(expected.slice(30));
  });

  it('on a cancel after the 5th instance, rejects as aborted; the 5 stay handed, and a resume fetches the rest', async () => {
    const controller = new AbortController();
    const sink = collector();
    const retrieval = client.retrieve(
      { studyUid: CT_STUDY_UID },
      {
        ...sink,
        signal: controller.signal,
        onInstance: async (instance) => {
          await sink.onInstance(instance);
          if (sink.received.length === 5) controller.abort();
        },
      },
    );
    await expect(retrieval).rejects.toMatchObject({ name: 'AbortError' });
    expect(sink.received).toHaveLength(5);

    const rest = collector();
    await client.retrieve({ studyUid: CT_STUDY_UID }, { ...rest, skip: new Set(sink.uids()) });
    expect(rest.announced).toEqual([CT_INSTANCES - 5]);
    expect([...sink.uids(), ...rest.uids()].sort()).toEqual(expected);
  });

  it('says the PACS has no such study', async () => {
    const sink = collector();
    const retrieval = client.retrieve({ studyUid: '1.2.3.4' }, sink);
    await expect(retrieval).rejects.toMatchObject({ name: 'PacsError', failure: 'not-found' });
    expect(sink.received).toHaveLength(0);
  });
});
