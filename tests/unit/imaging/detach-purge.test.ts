import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/open';
import { dispatch } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices } from '../../../electron/host/services';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { absoluteStoredPath, storedPathFor } from '../../../electron/services/dicom/store';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import { acceptRenderUpload } from '../../../electron/services/imaging/render-store';
import { CaseInput } from '../../../shared/domain/case';
import { callerAs } from '../helpers/caller';
import { caseInput } from '../helpers/case-input';
import { RESOURCES_DIR } from '../helpers/temp';
import { caseWithCt, CT_SERIES, PNG_1X1 } from './fixtures';

const PRESENTER = callerAs('presenter');
const ADMIN = callerAs('administrator');
const VIEWER = callerAs('viewer');

async function setup() {
  const base = await caseWithCt();
  const handlers = handlersFor(
    createServices({ db: base.db, dataDir: base.dataDir, resourcesDir: RESOURCES_DIR, version: 't' }),
  );
  const studyUid = base.db.prepare('SELECT study_instance_uid FROM dicom_studies').pluck().get() as string;
  const call = (channel: string, input: unknown, caller = PRESENTER) => dispatch(handlers, channel, input, caller);
  return { ...base, handlers, studyUid, call };
}

const auditRows = (db: Db, action: string) =>
  db
    .prepare(
      'SELECT action, entity, entity_id, patient_id, actor, detail, after_json FROM audit_log WHERE action = ? ORDER BY id',
    )
    .all(action) as {
    action: string;
    entity: string;
    patient_id: number | null;
    actor: string;
    detail: string;
    after_json: string;
  }[];

const hashes = (db: Db) => db.prepare('SELECT DISTINCT file_hash FROM dicom_instances').pluck().all() as string[];
const fileOf = (dataDir: string, hash: string) => absoluteStoredPath(dataDir, storedPathFor(hash));

describe('detaching a study from a case', () => {
  it('leaves the study in the store attached to no case, with the reason and the patient in the audit trail', async () => {
    const { db, caseId, studyUid, call } = await setup();
    const patientId = db.prepare('SELECT patient_id FROM cases WHERE id = ?').pluck().get(caseId);

    expect(await call('imaging:detachStudy', { caseId, studyInstanceUid: studyUid, reason: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/reason/i) },
    });
    const detached = await call('imaging:detachStudy', {
      caseId,
      studyInstanceUid: studyUid,
      reason: 'another patient',
    });
    expect(detached).toEqual({ ok: true, value: { detached: true } });

    expect(await call('imaging:studies', { caseId })).toEqual({ ok: true, value: [] });
    const unattached = await call('imaging:unattached', {}, ADMIN);
    expect(unattached.ok && unattached.value).toEqual([
      expect.objectContaining({
        studyInstanceUid: studyUid,
        imageCount: 37,
        modalities: ['CT'],
        studyDate: '2015-10-26',
      }),
    ]);
    expect(unattached.ok && (unattached.value as { bytes: number }[])[0].bytes).toBeGreaterThan(37 * 1000);

    const [event] = auditRows(db, 'detach');
    expect(event).toMatchObject({ entity: 'dicom_studies', patient_id: patientId, actor: 'test-presenter' });
    expect(event.detail).toMatch(/detached from case \d+: another patient$/);
    // The row change itself is logged by 0007's trigger, with the case it left.
    const change = db
      .prepare("SELECT before_json, after_json FROM audit_log WHERE entity = 'dicom_studies' AND action = 'change'")
      .all() as { before_json: string; after_json: string }[];
    expect(JSON.parse(change.at(-1)!.before_json).case_id).toBe(caseId);
    expect(JSON.parse(change.at(-1)!.after_json).case_id).toBeNull();
    // Only the administrator sees the unattached studies (they name other patients).
    expect(await call('imaging:unattached', {}, PRESENTER)).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('is refused while the case has key images from the study, naming them; a viewer may not detach', async () => {
    const { db, dataDir, caseId, sops, studyUid, call } = await setup();
    acceptRenderUpload(dataDir, 'render-token-1', PNG_1X1);
    new KeyImagesService(db, dataDir).create({
      caseId,
      sopInstanceUid: sops[10],
      frame: 0,
      caption: 'Mass at the carina',
      view: { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } },
      annotations: [],
      renderToken: 'render-token-1',
    });
    const input = { caseId, studyInstanceUid: studyUid, reason: 'wrong patient' };
    expect(await call('imaging:detachStudy', input)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('"Mass at the carina"') },
    });
    expect(await call('imaging:detachStudy', input, VIEWER)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/detach a study/) },
    });
    expect(db.prepare('SELECT case_id FROM dicom_studies').pluck().get()).toBe(caseId);
    expect(auditRows(db, 'detach')).toEqual([]);
  });
});

describe('purging studies attached to no case', () => {
  it('removes the rows and the files nothing else references or claims, audited per study', async () => {
    const { db, dataDir, caseId, studyUid, call } = await setup();
    await call('imaging:detachStudy', { caseId, studyInstanceUid: studyUid, reason: 'another patient' });
    const all = hashes(db);
    expect(all).toHaveLength(37);
    // Another study's index row shares one file; a running import has claimed another.
    const [shared, claimed] = all;
    const study2 = db
      .prepare(
        "INSERT INTO dicom_studies (study_instance_uid, case_id, created_at) VALUES ('1.2.3.4', ?, 'x') RETURNING id",
      )
      .pluck()
      .get(caseId);
    const series2 = db
      .prepare("INSERT INTO dicom_series (series_instance_uid, study_id) VALUES ('1.2.3.4.1', ?) RETURNING id")
      .pluck()
      .get(study2);
    db.prepare(
      `INSERT INTO dicom_instances (sop_instance_uid, sop_class_uid, series_id, number_of_frames, transfer_syntax_uid,
         file_hash, file_size, stored_path, imported_at, import_id)
       SELECT '1.2.3.4.1.1', sop_class_uid, ?, 1, transfer_syntax_uid, file_hash, file_size, stored_path, imported_at, import_id
       FROM dicom_instances WHERE file_hash = ?`,
    ).run(series2, shared);
    const running = db
      .prepare(
        "INSERT INTO dicom_imports (started_at, status, source, process_id) VALUES ('x', 'running', '[]', ?) RETURNING id",
      )
      .pluck()
      .get(process.pid);
    db.prepare('INSERT INTO dicom_store_claims (file_hash, import_id) VALUES (?, ?)').run(claimed, running);

    const purged = await call(
      'imaging:purge',
      { studyInstanceUids: [studyUid], reason: 'CD of another patient' },
      ADMIN,
    );
    expect(purged).toEqual({ ok: true, value: { purged: 1, filesRemoved: 35 } });
    expect(db.prepare('SELECT count(*) FROM dicom_studies WHERE study_instance_uid = ?').pluck().get(studyUid)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM dicom_instances').pluck().get()).toBe(1);
    for (const h of all) expect(existsSync(fileOf(dataDir, h)), h).toBe(h === shared || h === claimed);

    const [event] = auditRows(db, 'purge');
    expect(event).toMatchObject({ entity: 'dicom_studies', patient_id: null, actor: 'test-administrator' });
    expect(event.detail).toMatch(/purged, 37 images: CD of another patient$/);
    expect(JSON.parse(event.after_json)).toMatchObject({ studyInstanceUid: studyUid, images: 37 });
    expect(await call('imaging:unattached', {}, ADMIN)).toEqual({ ok: true, value: [] });
  });

  it('is refused for a study attached to a case (nothing removed), and for anyone but the administrator', async () => {
    const { db, dataDir, studyUid, call } = await setup();
    const input = { studyInstanceUids: [studyUid], reason: 'tidy up' };
    expect(await call('imaging:purge', input, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/attached to case \d+: detach it first/) },
    });
    expect(await call('imaging:purge', input, callerAs('chair'))).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/purge images/) },
    });
    expect(db.prepare('SELECT count(*) FROM dicom_instances').pluck().get()).toBe(37);
    for (const h of hashes(db)) expect(existsSync(fileOf(dataDir, h))).toBe(true);
    expect(auditRows(db, 'purge')).toEqual([]);
  });
});

describe('patient-mismatch prompts', () => {
  it('stay until answered: listed after the import, cleared by attaching or by leaving the study unattached', async () => {
    const { db, dataDir, handlers } = await setup();
    const cases = new CasesService(db);
    const other = cases.create(CaseInput.parse(caseInput({ patient: { mrn: 'OTHER-2' } }))).id;
    const third = cases.create(CaseInput.parse(caseInput({ patient: { mrn: 'OTHER-3' } }))).id;
    const call = (channel: string, input: unknown) => dispatch(handlers, channel, input, PRESENTER);
    // A second study of the store, unattached: the CT again imports as duplicates and is attached to the first case.
    db.prepare('UPDATE dicom_studies SET case_id = NULL').run();
    const result = await importDicom(db, dataDir, [CT_SERIES], { caseId: other });
    expect(result.needsConfirmation).toHaveLength(1);
    const studyUid = result.needsConfirmation[0].studyInstanceUid;

    // What a reload reads: the same question as the report asked.
    const prompts = await call('imaging:prompts', { caseId: other });
    expect(prompts).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          studyInstanceUid: studyUid,
          reason: result.needsConfirmation[0].differences.join('; '),
          imageCount: 37,
          modalities: ['CT'],
        }),
      ],
    });
    // Leaving it unattached closes the question; the study stays in the store.
    expect(await call('imaging:dismissPrompt', { caseId: other, studyInstanceUid: studyUid })).toEqual({
      ok: true,
      value: { dismissed: true },
    });
    expect(await call('imaging:prompts', { caseId: other })).toEqual({ ok: true, value: [] });
    expect(await call('imaging:dismissPrompt', { caseId: other, studyInstanceUid: studyUid })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(db.prepare('SELECT case_id FROM dicom_studies').pluck().get()).toBeNull();

    // Asked again by another import; attaching anyway answers it.
    await importDicom(db, dataDir, [CT_SERIES], { caseId: third });
    expect(await call('imaging:prompts', { caseId: third })).toMatchObject({ value: [{ studyInstanceUid: studyUid }] });
    await call('imaging:attachStudy', { caseId: third, studyInstanceUid: studyUid });
    expect(await call('imaging:prompts', { caseId: third })).toEqual({ ok: true, value: [] });
  });
});
