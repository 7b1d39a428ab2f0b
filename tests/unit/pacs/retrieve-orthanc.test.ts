import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { listStudiesOfCase } from '../../../electron/services/dicom/dicom-sql';
import type { JobControl } from '../../../electron/services/jobs/job-registry';
import { JobRegistry } from '../../../electron/services/jobs/job-registry';
import { clientFor } from '../../../electron/services/pacs/client-for';
import { getTransfer } from '../../../electron/services/pacs/pacs-sql';
import { PacsService } from '../../../electron/services/pacs/pacs-service';
import { RetrieveCancelled, retrieveIntoCase } from '../../../electron/services/pacs/retrieve-service';
import type { PacsRetrieveProgress } from '../../../shared/contract/pacs';
import { CaseInput } from '../../../shared/domain/case';
import { PacsNodeInput, PacsStudyQuery, type PacsTransport } from '../../../shared/domain/pacs';
import { CT_SERIES } from '../../fixtures';
import { filesUnder, startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';
import { CT_STUDY_UID } from './dicomweb-fixtures';

// The retrieval pipeline over the real transports against a real Orthanc: WADO-RS and C-GET of the 37-slice CT into
// a case, a cancel after 10 instances and the resume, the query's mark and the prior studies of the case.

let orthanc: Orthanc;
beforeAll(async () => {
  orthanc = await startOrthanc();
  await orthanc.upload(filesUnder(CT_SERIES));
}, 120_000);
afterAll(async () => {
  await orthanc?.stop();
});

function setup() {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  const caseId = new CasesService(db).create(CaseInput.parse(caseInput({ patient: { mrn: '0000006' } }))).id;
  const jobs = new JobRegistry();
  const pacs = new PacsService({ db, dataDir, jobs });
  const node = pacs.nodes.get(
    pacs.nodes.save(
      null,
      0,
      PacsNodeInput.parse({
        name: 'Orthanc',
        dicomweb: { url: orthanc.dicomweb },
        dimse: { calledAet: orthanc.aet, host: '127.0.0.1', port: orthanc.dicomPort },
      }),
    ).id,
  );
  return { dataDir, db, caseId, jobs, pacs, node };
}

describe.each<PacsTransport>(['dicomweb', 'dimse'])('retrieving from Orthanc by %s', (transport) => {
  it('retrieves the study into the case; a cancel after 10 keeps them and the resume fetches the other 27', async () => {
    const env = setup();
    const controller = new AbortController();
    let received = 0;
    const control: JobControl<PacsRetrieveProgress> = {
      signal: controller.signal,
      report: (p) => {
        received = p.received ?? received;
        if (received === 10) controller.abort();
      },
    };
    const request = { caseId: env.caseId, studyUid: CT_STUDY_UID, seriesUids: [], confirmMismatch: true };
    const first = clientFor(env.node, transport);
    const cancelled = await retrieveIntoCase({ ...env, client: first }, request, control)
      .catch((e: unknown) => e)
      .finally(() => first.close());
    expect(cancelled).toBeInstanceOf(RetrieveCancelled);
    expect(listStudiesOfCase(env.db, env.caseId)).toEqual([]);
    const staging = path.join(env.dataDir, 'pacs-incoming', `${env.node.id}-${CT_STUDY_UID}`);
    expect(readdirSync(staging).filter((f) => f.endsWith('.dcm'))).toHaveLength(10);
    expect(getTransfer(env.db, (cancelled as RetrieveCancelled).transferId)).toMatchObject({ status: 'cancelled' });

    const second = clientFor(env.node, transport);
    const result = await retrieveIntoCase({ ...env, client: second }, request, {
      signal: new AbortController().signal,
      report: () => {},
    }).finally(() => second.close());
    expect(result).toMatchObject({ transport, received: 27, skipped: 10 });
    expect(result.import.counts).toMatchObject({ imported: 37, rejected: 0 });
    expect(listStudiesOfCase(env.db, env.caseId)).toMatchObject([
      { study_instance_uid: CT_STUDY_UID, instance_count: 37 },
    ]);
    expect(getTransfer(env.db, result.transferId)).toMatchObject({ status: 'done', files: 27, transport });
    expect(existsSync(staging)).toBe(false);
  });
});

describe('the PACS service with Orthanc', () => {
  it('priors list the study at once-then-in-the-background; a retrieve job; the query then marks it imported', async () => {
    const env = setup();
    const query = PacsStudyQuery.parse({ patientId: '0000006' });
    expect(await env.pacs.query(env.node.id, query)).toMatchObject([
      { studyUid: CT_STUDY_UID, date: '2015-10-26', modalities: ['CT'], instanceCount: 37, imported: 'none' },
    ]);

    expect(env.pacs.priors(env.caseId)).toMatchObject({ node: 'Orthanc', studies: [], checkedAt: null });
    await env.pacs.priorStudies.settled(env.caseId);
    expect(env.pacs.priors(env.caseId)).toMatchObject({
      studies: [{ studyUid: CT_STUDY_UID, imported: 'none' }],
      error: null,
    });

    const request = { caseId: env.caseId, studyUid: CT_STUDY_UID, seriesUids: [], confirmMismatch: true };
    const { jobId } = env.pacs.retrieve(env.node.id, request);
    // A second retrieval of the same study from the same node would share its incoming folder: refused meanwhile.
    expect(() => env.pacs.retrieve(env.node.id, request)).toThrow(/already being retrieved from Orthanc/);
    await env.jobs.idle();
    expect(env.jobs.status(jobId)).toMatchObject({
      state: 'done',
      result: { node: 'Orthanc', received: 37, import: { counts: { imported: 37 }, attachedStudies: [CT_STUDY_UID] } },
    });
    expect(await env.pacs.query(env.node.id, query)).toMatchObject([{ imported: 'all' }]);
    expect(await env.pacs.series(env.node.id, CT_STUDY_UID)).toMatchObject([{ instanceCount: 37, imported: 'all' }]);
    // Once it has ended, the study may be retrieved again (everything is held: nothing new is fetched).
    const again = env.pacs.retrieve(env.node.id, request);
    await env.jobs.idle();
    expect(env.jobs.status(again.jobId)).toMatchObject({ state: 'done' });
  });

  it('priors of a stopped PACS answers at once and then says what failed', async () => {
    const env = setup();
    await orthanc.pause();
    try {
      expect(env.pacs.priors(env.caseId).error).toBeNull();
      await env.pacs.priorStudies.settled(env.caseId);
      expect(env.pacs.priors(env.caseId).error).toMatch(/^Could not ask Orthanc for this patient's studies: .+/);
    } finally {
      await orthanc.start();
    }
  });
});
