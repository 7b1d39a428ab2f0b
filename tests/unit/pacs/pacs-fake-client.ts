import { readFileSync } from 'node:fs';
import type { PacsStudyQuery } from '../../../shared/domain/pacs';
import { parseInstance } from '../../../electron/services/dicom/parse';
import {
  PacsError,
  type PacsClient,
  type RetrieveOptions,
  type RetrieveTarget,
} from '../../../electron/services/pacs/client';
import { filesUnder } from '../../orthanc/orthanc';

/**
 * A TEST DOUBLE OF THE TRANSPORT ONLY: a PacsClient that hands over real DICOM files from tests/fixtures as a PACS
 * would (DICOM JSON answers, one instance at a time, honouring `skip` and the signal). Everything after the transport
 * (staging, the import, the index, the transfer register) is the real code. The Orthanc-backed tests
 * (retrieve-orthanc.test.ts) run the same pipeline over the real DICOMweb and DIMSE clients.
 */
export interface FakeInstance {
  sop: string;
  study: string;
  series: string;
  bytes: Uint8Array;
}

export function readInstances(dir: string): FakeInstance[] {
  return filesUnder(dir).map((file) => {
    const bytes = readFileSync(file);
    const parsed = parseInstance(bytes);
    if (parsed.kind !== 'instance') throw new Error(`${file} is not an instance`);
    const h = parsed.header;
    return { sop: h.sopInstanceUid, study: h.studyInstanceUid, series: h.seriesInstanceUid, bytes };
  });
}

export interface FakeClient extends PacsClient {
  /** SOP UIDs handed over by retrieve (not skipped), in order. */
  sent: string[];
  queries: PacsStudyQuery[];
}

export function fakeClient(
  instances: FakeInstance[],
  options: { studyDate?: string; failAfter?: number; patientId?: string } = {},
): FakeClient {
  const sent: string[] = [];
  const queries: PacsStudyQuery[] = [];
  const byStudy = (uid: string) => instances.filter((i) => i.study === uid);
  const of = (t: RetrieveTarget) => byStudy(t.studyUid).filter((i) => !t.seriesUid || i.series === t.seriesUid);
  const studies = [...new Set(instances.map((i) => i.study))];
  return {
    transport: 'dicomweb',
    sent,
    queries,
    test: () => Promise.resolve({ transport: 'dicomweb', ok: true, message: 'ok', failure: null, ms: 1 }),
    findStudies: (query) => {
      queries.push(query);
      return Promise.resolve(
        studies.map((uid) => ({
          '0020000D': { vr: 'UI', Value: [uid] },
          '00100020': { vr: 'LO', Value: [options.patientId ?? '0000006'] },
          '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Bellona' }] },
          '00080020': { vr: 'DA', Value: [options.studyDate ?? '20151026'] },
          '00081030': { vr: 'LO', Value: ['CT CHEST'] },
          '00080061': { vr: 'CS', Value: ['CT'] },
          '00201206': { vr: 'IS', Value: [new Set(byStudy(uid).map((i) => i.series)).size] },
          '00201208': { vr: 'IS', Value: [byStudy(uid).length] },
        })),
      );
    },
    findSeries: (studyUid) =>
      Promise.resolve(
        [...new Set(byStudy(studyUid).map((i) => i.series))].map((uid) => ({
          '0020000E': { vr: 'UI', Value: [uid] },
          '00080060': { vr: 'CS', Value: ['CT'] },
          '00200011': { vr: 'IS', Value: ['2'] },
          '00201209': { vr: 'IS', Value: [byStudy(studyUid).filter((i) => i.series === uid).length] },
        })),
      ),
    findInstances: (target) => Promise.resolve(of(target).map((i) => i.sop)),
    async retrieve(target: RetrieveTarget, opts: RetrieveOptions) {
      const list = of(target).filter((i) => !opts.skip?.has(i.sop));
      opts.onExpected?.(list.length);
      for (const i of list) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        if (options.failAfter !== undefined && sent.length >= options.failAfter)
          throw new PacsError('dropped', 'The connection to TEST dropped during the transfer');
        sent.push(i.sop);
        await opts.onInstance({ sopInstanceUid: i.sop, bytes: i.bytes });
      }
    },
    store: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  };
}
