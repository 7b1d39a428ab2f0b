import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { auditHash } from '../../../electron/db/audit-hash';
import { auditBoard, rawTamper } from './fixtures';

/** The chair edits a case, its pathology and a decision through the app; the coordinator schedules the meeting. */
async function busyBoard() {
  const b = await auditBoard();
  const { chair, coord } = b.callers;
  const created = await b.newCase(chair, { patient: { familyName: 'Quill', givenNames: 'Ada', mrn: 'Q-100' } });
  const { id: _id, patient, version, createdAt: _c, updatedAt: _u, ...fields } = created;
  const { id: _pid, ...patientFields } = patient;
  await b.call(chair, 'cases:update', {
    id: created.id,
    version,
    fields: { ...fields, patient: patientFields, boardQuestion: 'Surgery first?' },
  });
  await b.call(chair, 'pathology:create', {
    caseId: created.id,
    report: { procedure: 'core-needle-biopsy', specimenDate: '2026-10-08', histotypeId: 'leiomyosarcoma' },
  });
  const meeting = await b.call(coord, 'meetings:create', {
    title: 'Sarcoma MDT',
    startsAt: '2026-12-10T13:00',
    durationMinutes: 90,
  });
  const agenda = await b.call(coord, 'agenda:add', { meetingId: meeting.id, caseIds: [created.id] });
  const itemId = agenda.items[0].id;
  await b.call(chair, 'decisions:save', { itemId, version: 0, decision: { notes: 'Discussed' } });
  return { ...b, caseId: created.id, patientId: patient.id, itemId };
}

const count = (db: Database.Database) => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('the audit chain', () => {
  it('stays intact through real writes, each row naming the signed-in user who made it', async () => {
    const b = await busyBoard();
    const rows = b.db
      .prepare('SELECT actor, user_id, session_id, action, entity, entity_id, patient_id FROM audit_log ORDER BY id')
      .all() as { actor: string; user_id: number | null; session_id: number | null; action: string; entity: string }[];
    const caseRows = rows.filter((r) => r.entity === 'cases');
    expect(caseRows.map((r) => [r.action, r.actor])).toEqual([
      ['create', 'chair'],
      ['change', 'chair'],
    ]);
    expect(rows.find((r) => r.entity === 'pathology_reports')).toMatchObject({ action: 'create', actor: 'chair' });
    expect(rows.find((r) => r.entity === 'meetings')).toMatchObject({ action: 'create', actor: 'coord' });
    expect(rows.find((r) => r.entity === 'decisions')).toMatchObject({ actor: 'chair', patient_id: b.patientId });
    for (const r of rows.filter((x) => x.actor === 'chair')) expect(r.user_id).not.toBeNull();

    const verified = await b.call(b.callers.admin, 'audit:verify', {});
    expect(verified).toEqual({
      ok: true,
      entries: rows.length,
      lastId: rows.length,
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      firstBroken: null,
    });
    // The verification is itself in the trail, and the chain still holds with it.
    const last = b.db.prepare('SELECT action, actor, detail FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'verify', actor: 'admin', detail: `the chain of ${rows.length} entries is intact` });
    expect(b.services.audit.verify()).toMatchObject({ ok: true, entries: rows.length + 1 });
  });

  it('names a middle entry whose content was changed behind the app', async () => {
    const b = await busyBoard();
    const target = b.db
      .prepare("SELECT id FROM audit_log WHERE entity = 'cases' AND action = 'change'")
      .pluck()
      .get() as number;
    b.db.close();
    const raw = rawTamper(b.file);
    raw
      .prepare(`UPDATE audit_log SET after_json = json_set(after_json, '$.board_question', 'Nothing') WHERE id = ?`)
      .run(target);
    raw.close();
    const { AuditService } = await import('../../../electron/services/audit/audit-service');
    const { openDatabase } = await import('../../../electron/db/open');
    const db = openDatabase(b.dataDir);
    const result = new AuditService(db).verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      id: target,
      reason: expect.stringMatching(/hash does not match its content/),
      entry: { action: 'change', entity: 'cases', actor: 'chair' },
    });
    db.close();
  });

  it('names the entry after one deleted from the middle', async () => {
    const b = await busyBoard();
    const ids = b.db.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[];
    const gone = ids[Math.floor(ids.length / 2)];
    const raw = rawTamper(b.file);
    raw.prepare('DELETE FROM audit_log WHERE id = ?').run(gone);
    raw.close();
    const result = b.services.audit.verify();
    expect(result.firstBroken).toMatchObject({
      id: gone + 1,
      reason: `entry ${gone} is missing before it — deleted from the log`,
    });
  });

  it('detects entries deleted from the end through audit_head', async () => {
    const b = await busyBoard();
    const last = b.db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    const raw = rawTamper(b.file);
    raw.prepare('DELETE FROM audit_log WHERE id >= ?').run(last - 1);
    raw.close();
    const result = b.services.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      id: last - 1,
      reason: expect.stringMatching(
        new RegExp(`entries ${last - 1} to ${last} are missing — the log ends at entry ${last - 2}`),
      ),
    });
    // The verification appended after the break does not hide it.
    expect(b.services.audit.verify().ok).toBe(false);
  });

  it('detects a row rewritten with a recomputed hash: the next entry no longer links to it', async () => {
    const b = await busyBoard();
    const row = b.db.prepare("SELECT * FROM audit_log WHERE entity = 'pathology_reports'").get() as Record<
      string,
      unknown
    >;
    const raw = rawTamper(b.file);
    const after = '{"forged":true}';
    const values = [
      row.id,
      row.at,
      row.user_id,
      row.actor,
      row.session_id,
      row.workstation,
      row.action,
      row.entity,
      row.entity_id,
      row.patient_id,
      row.before_json,
      after,
      row.detail,
    ] as (string | number | null)[];
    raw
      .prepare('UPDATE audit_log SET after_json = ?, hash = ? WHERE id = ?')
      .run(after, auditHash(String(row.prev_hash), values), row.id);
    raw.close();
    expect(b.services.audit.verify().firstBroken).toMatchObject({
      id: Number(row.id) + 1,
      reason: expect.stringMatching(/link to the entry before it does not match/),
    });
  });

  it('lets no audited table change from a connection without BoardPrep’s functions: nothing changes unlogged', async () => {
    const b = await busyBoard();
    const before = count(b.db);
    const raw = new Database(b.file);
    expect(() => raw.prepare("UPDATE cases SET board_question = 'Quietly changed' WHERE id = ?").run(b.caseId)).toThrow(
      /no such function: bp_/,
    );
    expect(() => raw.prepare('DELETE FROM pathology_reports').run()).toThrow(/no such function: bp_/);
    // And the log itself refuses changes while its triggers stand.
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append only/);
    expect(() => raw.prepare("UPDATE audit_log SET detail = 'x'").run()).toThrow(/append only/);
    raw.close();
    expect(b.services.cases.get(b.caseId).boardQuestion).toBe('Surgery first?');
    expect(count(b.db)).toBe(before);
    expect(b.services.audit.verify().ok).toBe(true);
  });

  it('walks a long chain streamed, entry by entry', async () => {
    const b = await auditBoard();
    const { recordEvent } = await import('../../../electron/services/audit/audit-events');
    const { writeTransaction } = await import('../../../electron/db/transaction');
    writeTransaction(b.db, () => {
      for (let i = 0; i < 5_000; i++)
        recordEvent(b.db, { action: 'open', entity: 'cases', entityId: i, detail: 'bulk' });
    });
    const result = b.services.audit.verify();
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    expect(result.entries).toBeGreaterThan(5_000);
  });
});
