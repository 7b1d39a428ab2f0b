import { CHAIR } from '../helpers/caller';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { dispatch, type HandlerTable } from '../../../electron/host/dispatch';
import { createHandlers } from '../../../electron/host/handlers';
import { DomainError } from '../../../electron/services/errors';
import { CHANNELS, contract } from '../../../shared/contract';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { createCase, CT_SERIES } from '../dicom/fixtures';
import { caseInput } from '../helpers/case-input';
import path from 'node:path';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

function handlers(): HandlerTable {
  const dataDir = tempDataDir();
  return createHandlers({ db: openDatabase(dataDir), dataDir, resourcesDir: RESOURCES_DIR, version: '0.0.0-test' });
}

describe('the contract and its one handler table', () => {
  it('names every channel domain:verb and gives each an input and an output schema and a handler', () => {
    const table = handlers();
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      // domain:verb; a verb of two words is hyphenated (auth:sign-in) or camel-cased (users:resetPassword).
      expect(channel).toMatch(/^[a-z][A-Za-z]*:[a-z][A-Za-z-]+$/);
      expect(typeof table[channel]).toBe('function');
    }
  });

  it('round-trips a case through create, get and list', async () => {
    const table = handlers();
    const created = await dispatch(table, 'cases:create', caseInput(), CHAIR);
    expect(created.ok).toBe(true);
    const id = (created as { value: { id: number } }).value.id;
    expect(await dispatch(table, 'cases:get', { id }, CHAIR)).toMatchObject({
      ok: true,
      value: { id, patient: { mrn: 'T-1001' } },
    });
    expect(await dispatch(table, 'cases:list', { query: 't-1001' }, CHAIR)).toMatchObject({
      ok: true,
      value: { rows: [{ id }], total: 1 },
    });
  });

  it('rejects a wrong payload at the boundary, naming the field, before any handler runs', async () => {
    let ran = false;
    const table = { ...handlers(), 'cases:create': () => ((ran = true), null as never) };
    const result = await dispatch(table, 'cases:create', caseInput({ patient: { dateOfBirth: '1961-13-01' } }), CHAIR);
    expect(ran).toBe(false);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        field: 'patient.dateOfBirth',
        message: 'cases:create: patient.dateOfBirth: Not a real calendar date',
      },
    });
  });

  it('refuses to create a case that starts as ready, since its work-up has not been checked', async () => {
    const result = await dispatch(handlers(), 'cases:create', caseInput({ status: 'ready' }), CHAIR);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'refused', field: 'status', message: expect.stringContaining('Mark ready') },
    });
  });

  it('rejects unknown fields and unknown channels', async () => {
    const table = handlers();
    expect(await dispatch(table, 'cases:get', { id: 1, sql: 'DROP TABLE cases' }, CHAIR)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(table, 'cases:drop', {}, CHAIR)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await dispatch(table, 42, {}, CHAIR)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('turns domain errors into results, and hides nothing from the log when a handler breaks', async () => {
    const logged: string[] = [];
    const table: HandlerTable = {
      ...handlers(),
      'cases:get': () => {
        throw new DomainError('not-found', 'Case 9 does not exist');
      },
      'cases:list': () => {
        throw new TypeError('boom');
      },
      'app:info': () => ({ name: 'BoardPrep', version: 1 }) as never,
    };
    const log = (m: string) => logged.push(m);
    expect(await dispatch(table, 'cases:get', { id: 9 }, CHAIR, { log })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Case 9 does not exist', field: undefined },
    });
    expect(await dispatch(table, 'cases:list', {}, CHAIR, { log })).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'cases:list failed: boom' },
    });
    // A handler answering outside its contract is caught at the boundary too.
    expect(await dispatch(table, 'app:info', {}, CHAIR, { log })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logged).toEqual([
      'cases:list failed',
      expect.stringMatching(
        /^app:info produced an invalid answer: field version: Invalid input: expected string, received number; field dataDir: /,
      ),
    ]);
  });
});

describe('one record outside the contract does not break a whole answer', () => {
  it("a study stored with a UID that is not a DICOM UID is left out and named in the log; the case's other studies are answered", async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const table = createHandlers({ db, dataDir, resourcesDir: RESOURCES_DIR, version: '0.0.0-test' });
    const caseId = createCase(db);
    await importDicom(db, dataDir, [path.join(CT_SERIES, '1.dcm')], { caseId, confirmMismatch: true });
    // A study an older version let through: a hash string where the UID should be.
    db.prepare(
      "INSERT INTO dicom_studies (study_instance_uid, case_id, study_date, created_at) VALUES ('9f86d081884c7d659a2f', ?, '2030-01-01', '2026-01-01')",
    ).run(caseId);

    const logged: string[] = [];
    const result = await dispatch(table, 'imaging:studies', { caseId }, CHAIR, { log: (m) => logged.push(m) });
    expect(result).toMatchObject({ ok: true, omitted: 1, value: [{ description: 'CT CHEST W CONTRAST' }] });
    expect((result as { value: unknown[] }).value).toHaveLength(1);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^imaging:studies left out a record that does not match the contract: record \d \(studyInstanceUid "9f86d081884c7d659a2f"\) field studyInstanceUid: Not a DICOM UID$/,
    );
    db.close();
  });
});
