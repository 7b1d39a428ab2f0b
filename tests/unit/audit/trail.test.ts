import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAs } from '../../../electron/db/actor';
import { dispatch } from '../../../electron/host/dispatch';
import { csvField } from '../../../shared/csv';
import { AuditService } from '../../../electron/services/audit/audit-service';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { fieldChanges } from '../../../shared/audit/changes';
import { localIsoDate } from '../../../shared/dates';
import { auditBoard } from './fixtures';

/** RFC 4180 read back: what a spreadsheet makes of the CSV. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

const day = (offset: number) => localIsoDate(new Date(Date.now() + offset * 86_400_000));

describe('the audit trail as the Audit screen reads it', () => {
  it('filters by patient (MRN, name, id), user, action and days, newest first, a page at a time', async () => {
    const b = await auditBoard();
    const { chair, coord, admin } = b.callers;
    const quill = await b.newCase(chair, { patient: { familyName: 'Quill', givenNames: 'Ada', mrn: 'Q-100' } });
    const other = await b.newCase(coord, { patient: { familyName: 'Other', givenNames: 'Olga', mrn: 'O-200' } });
    const list = (input: Parameters<AuditService['list']>[0] extends infer F ? Partial<F> : never) =>
      b.call(admin, 'audit:list', input as never);

    const byMrn = await list({ patient: 'q-100' });
    expect(byMrn.entries.map((e) => [e.action, e.entity])).toEqual([
      ['create', 'cases'],
      ['create', 'patients'],
    ]);
    expect(byMrn.entries[0]).toMatchObject({
      actor: 'chair',
      actorName: 'Chris Chair',
      patient: { mrn: 'Q-100', name: 'QUILL, Ada' },
      entityId: String(quill.id),
    });
    expect((await list({ patient: 'ada quill' })).entries).toEqual(byMrn.entries);
    expect((await list({ patientId: other.patient.id })).entries.every((e) => e.actor === 'coord')).toBe(true);
    expect((await list({ user: 'Cora' })).entries.map((e) => e.patientId)).toContain(other.patient.id);
    expect((await list({ user: 'coord', action: 'sign-in' })).entries).toHaveLength(1);
    expect((await list({ from: day(0), to: day(0), patient: 'Q-100' })).entries).toHaveLength(2);
    expect((await list({ from: day(1) })).entries).toEqual([]);
    expect((await list({ to: day(-1) })).entries).toEqual([]);

    // Newest first, in pages that follow on without overlap.
    const all = (await list({ limit: 500 })).entries.map((e) => e.id);
    expect(all).toEqual([...all].sort((x, y) => y - x));
    const first = await list({ limit: 3 });
    const second = await list({ limit: 3, beforeId: first.nextBeforeId! });
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.slice(0, 6));

    expect(await dispatch(b.handlers, 'audit:list', { from: day(1), to: day(0) }, admin)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'to' },
    });
    // Only those with audit.read read the trail.
    expect(await dispatch(b.handlers, 'audit:list', {}, chair)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/audit\.read/) },
    });
  });

  it('finds a deleted patient by the MRN the log kept', async () => {
    const b = await auditBoard();
    await b.newCase(b.callers.chair, { patient: { familyName: 'Gone', givenNames: 'Gil', mrn: 'G-1' } });
    runAs(b.services.auth.resolve(b.callers.admin.token)!.actor, () => {
      b.db.prepare("DELETE FROM cases WHERE patient_id = (SELECT id FROM patients WHERE mrn = 'G-1')").run();
      b.db.prepare("DELETE FROM patients WHERE mrn = 'G-1'").run();
    });
    const page = await b.call(b.callers.admin, 'audit:list', { patient: 'G-1' });
    expect(page.entries.map((e) => [e.action, e.entity, e.patient])).toEqual([
      ['delete', 'patients', null],
      ['delete', 'cases', null],
      ['create', 'cases', null],
      ['create', 'patients', null],
    ]);
  });

  it('exports the filtered entries as RFC 4180 CSV: header, quoting of commas, quotes and newlines, JSON columns', async () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');

    const b = await auditBoard();
    const history = 'Mass, "firm" on palpation\r\nsecond line';
    const created = await b.newCase(b.callers.chair, { clinicalHistory: history, patient: { mrn: 'C-1' } });
    const answer = await b.call(b.callers.admin, 'audit:csv', { patient: 'C-1' });
    expect(answer).toMatchObject({ rows: 2, fileName: `audit-${day(0)}.csv` });
    expect(answer.csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(answer.csv);
    expect(header.slice(0, 3)).toEqual(['id', 'at', 'actor']);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(row).toMatchObject({ action: 'create', entity: 'cases', actor: 'chair', actor_name: 'Chris Chair' });
    expect(row.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.parse(row.after_json)).toMatchObject({ id: created.id, clinical_history: history });
    expect(row.before_json).toBe('');
    // The export of the trail is in the trail.
    const last = (await b.call(b.callers.admin, 'audit:list', { limit: 1 })).entries[0];
    expect(last).toMatchObject({ action: 'export', entity: 'audit_log', actor: 'admin' });
    expect(last.detail).toMatch(/2 entries, with patient identifiers\) for Ada Admin; filtered by patient C-1/);
  });

  it('shows what a change changed', () => {
    expect(fieldChanges({ id: 1, status: 'draft', ecog: 1 }, { id: 1, status: 'ready', ecog: 1 })).toEqual([
      { field: 'status', before: 'draft', after: 'ready' },
    ]);
    expect(fieldChanges(null, { id: 1, note: null, ecog: 2 })).toEqual([
      { field: 'id', before: null, after: 1 },
      { field: 'ecog', before: null, after: 2 },
    ]);
  });
});

describe('events the triggers cannot see', () => {
  it('logs an opened record once per session and case every 30 minutes', async () => {
    const b = await auditBoard();
    const { chair, coord, admin } = b.callers;
    const c = await b.newCase(chair, { patient: { mrn: 'OP-1' } });
    for (let i = 0; i < 3; i++) await b.call(chair, 'cases:get', { id: c.id });
    await b.call(coord, 'cases:get', { id: c.id });
    const opens = async () => (await b.call(admin, 'audit:list', { action: 'open' })).entries;
    expect((await opens()).map((e) => [e.actor, e.entity, e.entityId, e.patientId])).toEqual([
      ['coord', 'cases', String(c.id), c.patient.id],
      ['chair', 'cases', String(c.id), c.patient.id],
    ]);
    // 31 minutes later the same session opening it again is logged again.
    const later = new AuditService(b.db, () => new Date(Date.now() + 31 * 60_000));
    const chairActor = b.services.auth.resolve(chair.token)!.actor;
    expect(
      runAs(chairActor, () => later.recordOpen({ entity: 'cases', entityId: c.id, patientId: c.patient.id })),
    ).toBe(true);
    expect(await opens()).toHaveLength(3);
  });

  it('refuses an identified export to a role without exports.identified, and logs a written export', async () => {
    const b = await auditBoard();
    const meeting = await b.call(b.callers.coord, 'meetings:create', {
      title: 'Sarcoma MDT',
      startsAt: '2026-12-10T13:00',
      durationMinutes: 90,
    });
    const refused = await dispatch(
      b.handlers,
      'exports:start',
      { kind: 'deck-pptx', meetingId: meeting.id, deidentified: false },
      b.callers.admin,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/exports\.identified.*Ada Admin/) },
    });
    const coordActor = b.services.auth.resolve(b.callers.coord.token)!.actor;
    const outcome = await runAs(coordActor, () =>
      b.services.exports.run({ kind: 'deck-pptx', meetingId: meeting.id, deidentified: false }),
    );
    const logged = (await b.call(b.callers.admin, 'audit:list', { action: 'export' })).entries;
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: 'coord', entity: 'meetings', entityId: String(meeting.id) });
    expect(logged[0].after).toMatchObject({ kind: 'deck-pptx', file: outcome.name, deidentified: false });
    expect(logged[0].detail).toMatch(/with patient identifiers, written as .*\.pptx for Cora Coordinator/);
  });

  it('logs an import when it ends, with its counts and case', async () => {
    const b = await auditBoard();
    const c = await b.newCase(b.callers.chair, { patient: { mrn: 'IM-1' } });
    const empty = path.join(b.dataDir, 'empty-cd');
    mkdirSync(empty);
    const chairActor = b.services.auth.resolve(b.callers.chair.token)!.actor;
    await runAs(chairActor, () => importDicom(b.db, b.dataDir, [empty], { caseId: c.id }));
    const [logged] = (await b.call(b.callers.admin, 'audit:list', { action: 'import' })).entries;
    expect(logged).toMatchObject({ actor: 'chair', entity: 'cases', entityId: String(c.id), patientId: c.patient.id });
    expect(logged.after).toMatchObject({ status: 'done', caseId: c.id, imported: 0, rejected: 0 });
  });
});
