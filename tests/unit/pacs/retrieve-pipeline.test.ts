import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { listStudiesOfCase } from '../../../electron/services/dicom/dicom-sql';
import type { JobControl } from '../../../electron/services/jobs/job-registry';
import { PacsError, type PacsClient } from '../../../electron/services/pacs/client';
import { PacsNodesService } from '../../../electron/services/pacs/nodes-service';
import type { PacsNodeWithSecret } from '../../../electron/services/pacs/nodes-sql';
import { getTransfer } from '../../../electron/services/pacs/pacs-sql';
import { queryStudies, querySeries } from '../../../electron/services/pacs/pacs-query';
import { PriorStudies } from '../../../electron/services/pacs/priors';
import {
  RetrieveCancelled,
  retrieveIntoCase,
  type RetrieveRequest,
} from '../../../electron/services/pacs/retrieve-service';
import type { PacsRetrieveProgress } from '../../../shared/contract/pacs';
import { CaseInput } from '../../../shared/domain/case';
import { PacsNodeInput, PacsStudyQuery } from '../../../shared/domain/pacs';
import { CT_SERIES } from '../../fixtures';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';
import { fakeClient, readInstances, type FakeInstance } from './pacs-fake-client';

let ct: FakeInstance[];
beforeAll(() => {
  ct = readInstances(CT_SERIES);
});

function setup(mrn = '0000006') {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  const caseId = new CasesService(db).create(CaseInput.parse(caseInput({ patient: { mrn } }))).id;
  const nodes = new PacsNodesService(db);
  const saved = nodes.save(
    null,
    0,
    PacsNodeInput.parse({ name: 'TEST', dicomweb: { url: 'http://127.0.0.1:1/dicom-web' } }),
  );
  return { dataDir, db, caseId, node: nodes.get(saved.id) };
}

function control(abortAt?: (p: PacsRetrieveProgress) => boolean) {
  const controller = new AbortController();
  const seen: PacsRetrieveProgress[] = [];
  const c: JobControl<PacsRetrieveProgress> = {
    signal: controller.signal,
    report: (p) => {
      const full = { ...seen.at(-1), ...p } as PacsRetrieveProgress;
      seen.push(full);
      if (abortAt?.(full)) controller.abort();
    },
  };
  return { c, seen, controller };
}

const whole = (caseId: number | undefined, studyUid: string, confirmMismatch = true): RetrieveRequest => ({
  caseId,
  studyUid,
  seriesUids: [],
  confirmMismatch,
});

function run(
  env: { db: Db; dataDir: string; node: PacsNodeWithSecret },
  client: PacsClient,
  request: RetrieveRequest,
  ctl = control(),
) {
  return retrieveIntoCase({ ...env, client }, request, ctl.c);
}

const stagingOf = (dataDir: string, nodeId: number, studyUid: string) =>
  path.join(dataDir, 'pacs-incoming', `${nodeId}-${studyUid}`);

describe('retrieving from a PACS through the file import (transport test double)', () => {
  it('retrieves a whole study into a case: 37 images, transfer done, staging removed, query marks it all', async () => {
    const env = setup();
    const client = fakeClient(ct);
    const studyUid = ct[0].study;
    const query = PacsStudyQuery.parse({ patientId: '0000006' });
    expect(await queryStudies(env.db, client, query)).toMatchObject([
      { studyUid, date: '2015-10-26', patientName: 'Bellona', modalities: ['CT'], instanceCount: 37, imported: 'none' },
    ]);

    const ctl = control();
    const result = await run(env, client, whole(env.caseId, studyUid), ctl);
    expect(result).toMatchObject({ node: 'TEST', transport: 'dicomweb', received: 37, skipped: 0 });
    expect(result.import.counts).toMatchObject({ imported: 37, rejected: 0 });
    expect(result.import.attachedStudies).toEqual([studyUid]);
    expect(listStudiesOfCase(env.db, env.caseId)).toMatchObject([{ study_instance_uid: studyUid, instance_count: 37 }]);
    expect(getTransfer(env.db, result.transferId)).toMatchObject({
      status: 'done',
      files: 37,
      error: '',
      case_id: env.caseId,
    });
    expect(existsSync(stagingOf(env.dataDir, env.node.id, studyUid))).toBe(false);
    expect(ctl.seen.map((p) => p.phase)).toEqual(expect.arrayContaining(['querying', 'receiving', 'importing']));
    expect(ctl.seen.at(-1)).toMatchObject({ expected: 37, received: 37, imported: 37 });

    expect(await queryStudies(env.db, client, query)).toMatchObject([{ imported: 'all' }]);
    expect(await querySeries(env.db, client, studyUid)).toMatchObject([{ instanceCount: 37, imported: 'all' }]);

    // Again: nothing fetched, nothing new, still attached.
    const again = await run(env, client, whole(env.caseId, studyUid));
    expect(again).toMatchObject({ received: 0, skipped: 37 });
    expect(client.sent).toHaveLength(37);
  });

  it('a cancel after 10 instances leaves the case unchanged and keeps them; the retry fetches only the other 27', async () => {
    const env = setup();
    const client = fakeClient(ct);
    const studyUid = ct[0].study;
    const ctl = control((p) => p.received === 10);
    const cancelled = await run(env, client, whole(env.caseId, studyUid), ctl).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(RetrieveCancelled);
    expect(listStudiesOfCase(env.db, env.caseId)).toEqual([]);
    expect(env.db.prepare('SELECT count(*) FROM dicom_instances').pluck().get()).toBe(0);
    const staged = readdirSync(stagingOf(env.dataDir, env.node.id, studyUid));
    expect(staged).toHaveLength(10);
    expect(staged.every((f) => f.endsWith('.dcm'))).toBe(true);
    expect(getTransfer(env.db, (cancelled as RetrieveCancelled).transferId)).toMatchObject({
      status: 'cancelled',
      files: 10,
    });

    const before = client.sent.length;
    const resumed = await run(env, client, whole(env.caseId, studyUid));
    expect(client.sent.length - before).toBe(27);
    expect(resumed).toMatchObject({ received: 27, skipped: 10 });
    expect(resumed.import.counts.imported).toBe(37);
    expect(listStudiesOfCase(env.db, env.caseId)).toMatchObject([{ instance_count: 37 }]);
  });

  it('a dropped connection fails the transfer in plain words and keeps what arrived for the retry', async () => {
    const env = setup();
    const studyUid = ct[0].study;
    const failing = fakeClient(ct, { failAfter: 5 });
    await expect(run(env, failing, whole(env.caseId, studyUid))).rejects.toThrow(PacsError);
    const row = env.db.prepare('SELECT * FROM pacs_transfers').get() as {
      status: string;
      error: string;
      files: number;
    };
    expect(row).toMatchObject({
      status: 'failed',
      files: 5,
      error: 'The connection to TEST dropped during the transfer',
    });
    expect(listStudiesOfCase(env.db, env.caseId)).toEqual([]);
    const retry = fakeClient(ct);
    expect(await run(env, retry, whole(env.caseId, studyUid))).toMatchObject({ received: 32, skipped: 5 });
    expect(retry.sent).toHaveLength(32);
  });

  it('a broken instance is rejected with its reason and the others are imported', async () => {
    const env = setup();
    const broken = ct.map((i, n) => (n === 3 ? { ...i, bytes: i.bytes.subarray(0, i.bytes.length - 4000) } : i));
    const result = await run(env, fakeClient(broken), whole(env.caseId, ct[0].study));
    expect(result.import.counts).toMatchObject({ imported: 36, rejected: 1 });
    expect(result.import.rejected).toEqual([
      { path: `${ct[3].sop}.dcm`, reason: expect.stringMatching(/truncated|ends early/) },
    ]);
    expect(listStudiesOfCase(env.db, env.caseId)).toMatchObject([{ instance_count: 36 }]);
  });

  it('the patient-mismatch rule applies: another patient’s study is imported but not attached until confirmed', async () => {
    const env = setup('T-1001');
    const studyUid = ct[0].study;
    const result = await run(env, fakeClient(ct), whole(env.caseId, studyUid, false));
    expect(result.import.needsConfirmation).toMatchObject([
      { studyInstanceUid: studyUid, dicomPatientId: '0000006', imageCount: 37 },
    ]);
    expect(result.import.attachedStudies).toEqual([]);
    expect(listStudiesOfCase(env.db, env.caseId)).toEqual([]);
    // Confirmed: held already, so nothing is fetched, and the study is attached by the same rule.
    const client = fakeClient(ct);
    const confirmed = await run(env, client, whole(env.caseId, studyUid, true));
    expect(client.sent).toEqual([]);
    expect(confirmed.import.attachedStudies).toEqual([studyUid]);
    expect(listStudiesOfCase(env.db, env.caseId)).toMatchObject([{ instance_count: 37 }]);
  });

  it('without a case the study is imported unattached', async () => {
    const env = setup();
    const result = await run(env, fakeClient(ct), whole(undefined, ct[0].study));
    expect(result.import.counts.imported).toBe(37);
    expect(result.import.attachedStudies).toEqual([]);
    expect(env.db.prepare('SELECT case_id FROM dicom_studies').pluck().all()).toEqual([null]);
  });

  it('priors answers at once, then lists the study not yet imported; after the retrieve it lists none', async () => {
    const env = setup();
    const client = fakeClient(ct);
    let now = 1_000_000;
    const priors = new PriorStudies({ db: env.db, withClient: (_node, work) => work(client), now: () => now });
    expect(priors.get(env.caseId)).toEqual({ node: 'TEST', studies: [], error: null, checkedAt: null });
    expect(priors.get(env.caseId).checkedAt).toBeNull(); // a second poll shares the one query
    await priors.settled(env.caseId);
    expect(client.queries).toHaveLength(1);
    expect(client.queries[0]).toMatchObject({ patientId: '0000006' });
    expect(priors.get(env.caseId)).toMatchObject({
      node: 'TEST',
      studies: [{ studyUid: ct[0].study, imported: 'none' }],
      error: null,
      checkedAt: expect.any(String),
    });

    await run(env, client, whole(env.caseId, ct[0].study));
    expect(priors.get(env.caseId).studies).toHaveLength(1); // kept for ~5 minutes
    now += 6 * 60 * 1000;
    priors.get(env.caseId);
    await priors.settled(env.caseId);
    expect(client.queries).toHaveLength(2);
    expect(priors.get(env.caseId).studies).toEqual([]);
  });

  it('priors keeps a failure as its error, in plain words', async () => {
    const env = setup();
    const priors = new PriorStudies({
      db: env.db,
      withClient: () =>
        Promise.reject(new PacsError('refused', 'Connection refused by 127.0.0.1:1: is the PACS running?')),
    });
    priors.get(env.caseId);
    await priors.settled(env.caseId);
    expect(priors.get(env.caseId).error).toBe(
      "Could not ask TEST for this patient's studies: Connection refused by 127.0.0.1:1: is the PACS running?",
    );
  });
});
