import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { expectStrictTables, insertRow, migrateOneStep, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

const NOW = '2026-12-03T09:00:00.000Z';

describe('migration 0011: case facets for search', () => {
  it('upgrades a version 10 database: every case gets a stale facet row, and writes to the clinical record mark it stale again', () => {
    expect(MIGRATIONS[10]).toMatchObject({ version: 11 });
    let seeded: ReturnType<typeof seedThrough> | undefined;
    const { db, added } = migrateOneStep(tempDataDir(), 10, (v10) => {
      seeded = seedThrough(v10, 10);
    });
    expect(added).toContain('case_facets');
    expectStrictTables(db, ['case_facets']);
    const { caseIds, meetingId } = seeded!;
    const facets = () =>
      db.prepare('SELECT case_id, stale FROM case_facets ORDER BY case_id').all() as {
        case_id: number;
        stale: number;
      }[];
    expect(facets()).toEqual(caseIds.map((id) => ({ case_id: id, stale: 1 })));

    const fresh = () => db.prepare('UPDATE case_facets SET stale = 0').run();
    const staleOf = (id: number) =>
      (db.prepare('SELECT stale FROM case_facets WHERE case_id = ?').get(id) as { stale: number }).stale;

    // A new pathology report, a tick, a meeting re-dated: each marks only the cases concerned.
    fresh();
    const reportId = insertRow(db, 'pathology_reports', {
      case_id: caseIds[1],
      procedure: 'core-needle-biopsy',
      specimen_date: '2026-11-02',
      histotype_id: 'leiomyosarcoma',
      created_at: NOW,
      updated_at: NOW,
    });
    expect([staleOf(caseIds[0]), staleOf(caseIds[1])]).toEqual([0, 1]);
    fresh();
    insertRow(db, 'pathology_molecular', { report_id: reportId, position: 0, test: 'MDM2', result: 'amplified' });
    expect(staleOf(caseIds[1])).toBe(1);
    fresh();
    insertRow(db, 'readiness_ticks', {
      case_id: caseIds[0],
      item: 'biopsy',
      date: '2026-10-06',
      ticked_by: 'Dr Y',
      created_at: NOW,
    });
    expect([staleOf(caseIds[0]), staleOf(caseIds[1])]).toEqual([1, 0]);
    fresh();
    db.prepare("UPDATE meetings SET status = 'scheduled' WHERE id = ?").run(meetingId);
    expect(staleOf(caseIds[0])).toBe(1);

    // A new case gets its row; deleting a case's report marks it; the CHECKs hold.
    const patientId = (
      db.prepare('SELECT patient_id FROM cases WHERE id = ?').get(caseIds[1]) as { patient_id: number }
    ).patient_id;
    const newCase = insertRow(db, 'cases', {
      patient_id: patientId,
      consultant_name: 'Dr Patel',
      consultant_contact: 'x',
      tumour_site: 'thigh',
      site_chapter: 'trunk-extremity',
      working_diagnosis: 'x',
      board_question: 'x',
      created_at: NOW,
      updated_at: NOW,
    });
    expect(staleOf(newCase)).toBe(1);
    fresh();
    db.prepare('DELETE FROM pathology_reports WHERE id = ?').run(reportId);
    expect(staleOf(caseIds[1])).toBe(1);
    expect(() => db.prepare("UPDATE case_facets SET grade = 'G4'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE case_facets SET stage_group = 'V'").run()).toThrow(/CHECK/);
    db.close();
  });
});
