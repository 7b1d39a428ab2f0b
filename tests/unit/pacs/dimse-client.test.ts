import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DimseSettings } from '../../../shared/domain/pacs';
import type { ReceivedInstance } from '../../../electron/services/pacs/client';
import { dimseClient } from '../../../electron/services/pacs/dimse/dimse-client';
import { freePort, startOrthanc, type Orthanc, storeCt } from '../../orthanc/orthanc';

/** DIMSE against a real Orthanc holding the 37-slice CT (issue 15 item 7): C-ECHO, C-FIND, C-GET. */

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
  retrieve: 'c-get',
  movePort,
  ...over,
});

const BY_ID = { patientId: '0000006', patientName: '', from: null, to: null, modality: '', accession: '' };

const client = (over: Partial<DimseSettings> = {}) => dimseClient(settings(over), 'Test PACS');

beforeAll(async () => {
  movePort = await freePort();
  orthanc = await startOrthanc({ peers: { BOARDPREP: { aet: 'BOARDPREP', port: movePort } } });
  ({ studyUid, sopUids: orthancUids } = await storeCt(orthanc));
});

afterAll(async () => {
  await orthanc?.stop();
});

/** Collects what a retrieval delivers. */
function sink() {
  const received: ReceivedInstance[] = [];
  const expected: number[] = [];
  return {
    received,
    expected,
    onInstance: async (instance: ReceivedInstance) => {
      received.push(instance);
    },
    onExpected: (count: number) => expected.push(count),
  };
}

describe('DIMSE test (C-ECHO)', () => {
  it('answers ok with the time it took', async () => {
    const result = await client().test();
    expect(result).toMatchObject({ transport: 'dimse', ok: true, failure: null });
    expect(result.message).toMatch(/^C-ECHO answered in \d+ ms$/);
  });

  it('a port nobody listens on is "refused", in plain words', async () => {
    const port = await freePort();
    const result = await client({ port }).test();
    expect(result).toMatchObject({ ok: false, failure: 'refused' });
    expect(result.message).toBe(`Connection refused by 127.0.0.1:${port}: is the PACS running?`);
  });

  it('a PACS that accepts the connection but never answers is "timeout"', async () => {
    const silent = net.createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const result = await dimseClient(settings({ port }), 'Silent PACS', { echoTimeoutMs: 1500 }).test();
      expect(result).toMatchObject({ ok: false, failure: 'timeout' });
      expect(result.message).toBe(
        `127.0.0.1:${port} did not answer in time: is the address right, and does the network let us through?`,
      );
    } finally {
      silent.close();
    }
  });

  it('an unknown host name is "unreachable"', async () => {
    const result = await client({ host: 'no-such-pacs.invalid' }).test();
    expect(result).toMatchObject({ ok: false, failure: 'unreachable' });
    expect(result.message).toBe('The host name no-such-pacs.invalid is not known: check the PACS address');
  });

  it('a wrong called AE title is "wrong-aet" and says so', async () => {
    const result = await client({ calledAet: 'NOTORTHANC' }).test();
    expect(result).toMatchObject({ ok: false, failure: 'wrong-aet' });
    expect(result.message).toMatch(/^The PACS is not called NOTORTHANC/);
  });

  it('an unknown calling AE title (strict PACS) is "wrong-aet" and names our title', async () => {
    const strict = await startOrthanc({ strictAet: true });
    try {
      const result = await dimseClient(settings({ port: strict.dicomPort, ourAet: 'STRANGER' }), 'Strict PACS').test();
      expect(result).toMatchObject({ ok: false, failure: 'wrong-aet' });
      expect(result.message).toMatch(
        /^The PACS does not know our AE title STRANGER: ask its administrator to add STRANGER/,
      );
      const known = await dimseClient(settings({ port: strict.dicomPort }), 'Strict PACS').test();
      expect(known.ok).toBe(true);
    } finally {
      await strict.stop();
    }
  });
});

describe('DIMSE query (C-FIND)', () => {
  it('finds the study by patient ID with its series and instance counts, as DICOM JSON', async () => {
    const [study, ...others] = await client().findStudies(BY_ID);
    expect(others).toHaveLength(0);
    expect(study['0020000D']).toEqual({ vr: 'UI', Value: [studyUid] });
    expect(study['00100020']).toEqual({ vr: 'LO', Value: ['0000006'] });
    expect(study['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Bellona' }] });
    expect(study['00201206']).toEqual({ vr: 'IS', Value: [1] });
    expect(study['00201208']).toEqual({ vr: 'IS', Value: [37] });
    expect(study['00080061']).toEqual({ vr: 'CS', Value: ['CT'] });
  });

  it('answers what dcmtk findscu gets for the same study query', async () => {
    const [ours] = await client().findStudies({ ...BY_ID });
    // The character set and the retrieve AE title (not asked for, given anyway) are not study attributes.
    const keys = Object.keys(ours).filter((tag) => tag !== '00080005' && tag !== '00080054');
    const args = keys
      .filter((tag) => tag !== '00080052' && tag !== '00100020') // given with their values below
      .flatMap((tag) => ['-k', `${tag.slice(0, 4)},${tag.slice(4)}`]);
    const { stderr } = spawnSync(
      'findscu',
      [
        '-v',
        '-S',
        '-aet',
        'BOARDPREP',
        '-aec',
        orthanc.aet,
        '-k',
        'QueryRetrieveLevel=STUDY',
        '-k',
        'PatientID=0000006',
      ].concat(args, ['127.0.0.1', String(orthanc.dicomPort)]),
      { encoding: 'utf8' },
    );
    const answer = stderr.slice(stderr.indexOf('Find Response: 1'));
    const theirs = new Map(
      [...answer.matchAll(/^I: \(([0-9a-f]{4}),([0-9a-f]{4})\) \w\w (?:\[(.*?)\]|\(no value available\))/gm)].map(
        (m) => [`${m[1]}${m[2]}`.toUpperCase(), (m[3] ?? '').trim()],
      ),
    );
    for (const tag of keys) {
      const values = (ours[tag].Value ?? []).map((v) =>
        typeof v === 'object' && v !== null ? (v as { Alphabetic?: string }).Alphabetic : String(v),
      );
      expect([tag, values.join('\\')]).toEqual([tag, theirs.get(tag)]);
    }
  });

  it('matches a name prefix and a date range, and misses outside it', async () => {
    const q = { patientId: '', patientName: 'bell', modality: 'CT', accession: '' };
    expect(await client().findStudies({ ...q, from: '2015-10-01', to: '2015-10-31' })).toHaveLength(1);
    expect(await client().findStudies({ ...q, from: '2016-01-01', to: null })).toHaveLength(0);
  });

  it('lists the series and the 37 instances', async () => {
    const series = await client().findSeries(studyUid);
    expect(series).toHaveLength(1);
    expect(series[0]['00080060']).toEqual({ vr: 'CS', Value: ['CT'] });
    expect(series[0]['00201209']).toEqual({ vr: 'IS', Value: [37] });
    const uids = await client().findInstances({ studyUid });
    expect(uids.sort()).toEqual(orthancUids);
    const seriesUid = (series[0]['0020000E'].Value as string[])[0];
    expect(await client().findInstances({ studyUid, seriesUid })).toHaveLength(37);
  });
});

describe('DIMSE retrieve (C-GET)', () => {
  it('delivers the whole study as 37 Part 10 files that dcmdump reads, with the PACS SOP instance UIDs', async () => {
    const s = sink();
    await client().retrieve({ studyUid }, s);
    expect(s.expected).toEqual([37]);
    expect(s.received.map((i) => i.sopInstanceUid).sort()).toEqual(orthancUids);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-dimse-'));
    try {
      const files = s.received.map((instance, n) => {
        const file = path.join(dir, `${n}.dcm`);
        writeFileSync(file, instance.bytes);
        return file;
      });
      // One dcmdump over all 37 files: each must parse (exit 0) and name its SOP instance in the meta and data set.
      const out = execFileSync('dcmdump', ['-q', '+P', '0002,0003', '+P', '0008,0018', ...files], { encoding: 'utf8' });
      const uids = [...out.matchAll(/UI \[([0-9.]+)\]/g)].map((m) => m[1]);
      expect(uids).toHaveLength(74);
      expect([...new Set(uids)].sort()).toEqual(orthancUids);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fetches only the missing instances when 30 are already held', async () => {
    const held = new Set(orthancUids.slice(0, 30));
    const s = sink();
    await client().retrieve({ studyUid }, { ...s, skip: held });
    expect(s.expected).toEqual([7]);
    expect(s.received.map((i) => i.sopInstanceUid).sort()).toEqual(orthancUids.slice(30));
  });

  it('an abort mid-retrieval rejects as aborted and leaves the PACS usable', async () => {
    const controller = new AbortController();
    const received: string[] = [];
    const retrieval = client().retrieve(
      { studyUid },
      {
        signal: controller.signal,
        onInstance: async (instance) => {
          received.push(instance.sopInstanceUid);
          if (received.length === 3) controller.abort();
        },
      },
    );
    await expect(retrieval).rejects.toMatchObject({ name: 'AbortError' });
    expect(received.length).toBeLessThan(37);
    expect((await client().test()).ok).toBe(true);
  });
});
