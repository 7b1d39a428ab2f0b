import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { readDemoBoard } from '../../../electron/services/demo/demo-board';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

describe('the demo board', () => {
  it('holds the seven seed cases with unique keys and MRNs', () => {
    const board = readDemoBoard(RESOURCES_DIR);
    expect(board.cases.map((c) => c.key).sort()).toEqual([
      'back-lps',
      'ivc-lms',
      'mps-1',
      'mps-2',
      'mps-3',
      'rp-ddlps',
      'thigh-ilms',
    ]);
    expect(new Set(board.cases.map((c) => c.case.patient.mrn)).size).toBe(7);
    const ddlps = board.cases.find((c) => c.key === 'rp-ddlps')!.case;
    expect(ddlps.siteChapter).toBe('retroperitoneum');
    expect(ddlps.workingDiagnosis).toMatch(/dedifferentiated liposarcoma/i);
    expect(ddlps.clinicalHistory).toContain('16.3');
  });

  it('loads into an empty database, and a second load changes nothing', () => {
    const db = openDatabase(tempDataDir());
    expect(loadDemoBoard(db, RESOURCES_DIR)).toEqual({ casesCreated: 7, referralsCreated: 2, skipped: [] });
    const cases = new CasesService(db);
    const before = cases.list({ query: '' });
    const again = loadDemoBoard(db, RESOURCES_DIR);
    expect(again.casesCreated).toBe(0);
    expect(again.referralsCreated).toBe(0);
    expect(again.skipped).toHaveLength(7);
    expect(cases.list({ query: '' })).toEqual(before);
    db.close();
  });

  it('stores nothing when the board file is broken, and says where', () => {
    const resources = tempDataDir();
    cpSync(RESOURCES_DIR, resources, { recursive: true });
    const file = path.join(resources, 'demo', 'board.json');
    const board = readDemoBoard(RESOURCES_DIR);
    board.cases[3].case.patient.dateOfBirth = '1970-02-31';
    writeFileSync(file, JSON.stringify(board));
    const db = openDatabase(tempDataDir());
    expect(() => loadDemoBoard(db, resources)).toThrow(
      /cases\.3\.case\.patient\.dateOfBirth: Not a real calendar date/,
    );
    expect(new CasesService(db).count()).toBe(0);
    db.close();
  });
});
