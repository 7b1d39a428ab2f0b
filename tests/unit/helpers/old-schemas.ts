import { expect } from 'vitest';
import { schemaVersion } from '../../../electron/db/migrate';
import { openDatabase, type Db } from '../../../electron/db/open';

/**
 * Helpers for migration tests, after Signal-Desktop's ts/sql migration tests: a test opens a database at the
 * version before its migration, writes rows with plain SQL of THAT version (never through today's services, whose
 * SQL follows today's schema), migrates, and checks what the migration promises.
 *
 * `seedVk` writes rows into the tables migration k created, with SQL written against those tables as migration k
 * made them. It stays valid at every later version until a migration changes those tables; a test for such a
 * migration writes its own rows of the version before it.
 */

/** The case database of `dir` brought to schema `version`, no further. */
export function openAt(dir: string, version: number): Db {
  const db = openDatabase(dir, { migrateTo: version });
  expect(schemaVersion(db)).toBe(version);
  return db;
}

/** INSERT of one row given as column -> value; returns its rowid. */
export function insertRow(db: Db, table: string, row: Record<string, unknown>): number {
  const names = Object.keys(row);
  const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;
  return Number(db.prepare(sql).run(row).lastInsertRowid);
}

interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Every table, index and trigger of the database (SQLite's own excepted), by name. */
export function schemaOf(db: Db): SchemaEntry[] {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as SchemaEntry[];
}

/** Every row of every table, in a stable order: what "the data is carried over unchanged" compares. */
export function contentsOf(db: Db): Record<string, unknown[]> {
  const contents: Record<string, unknown[]> = {};
  for (const t of schemaOf(db).filter((e) => e.type === 'table')) {
    // ORDER BY 1 also works for WITHOUT ROWID tables, which have no rowid.
    contents[t.name] = db.prepare(`SELECT * FROM ${t.name} ORDER BY 1`).all();
  }
  return contents;
}

/** Checks that each named table exists and is STRICT (optionally WITHOUT ROWID too). */
export function expectStrictTables(db: Db, names: readonly string[], { withoutRowid = false } = {}): void {
  const tables = schemaOf(db).filter((e) => e.type === 'table');
  for (const name of names) {
    const sql = tables.find((t) => t.name === name)?.sql;
    expect(sql, name).toBeDefined();
    expect(sql, name).toMatch(withoutRowid ? /\)\s*STRICT,\s*WITHOUT ROWID\s*$/ : /\)\s*STRICT\s*$/);
  }
}

/**
 * Opens `dir` at `from`, lets `seed` write rows, then migrates to `from + 1` and checks that everything that was
 * there before is still there as it was: the definitions of tables, indexes and triggers, and every row.
 * Returns the migrated database (open) and the names of what the migration added.
 */
export function migrateOneStep(dir: string, from: number, seed: (db: Db) => void): { db: Db; added: string[] } {
  const old = openAt(dir, from);
  seed(old);
  const schemaBefore = schemaOf(old);
  const contentsBefore = contentsOf(old);
  old.close();

  const db = openAt(dir, from + 1);
  const schemaAfter = schemaOf(db);
  const before = new Set(schemaBefore.map((e) => e.name));
  expect(schemaAfter.filter((e) => before.has(e.name))).toEqual(schemaBefore);
  const contentsAfter = contentsOf(db);
  for (const [table, rows] of Object.entries(contentsBefore)) expect(contentsAfter[table], table).toEqual(rows);
  return { db, added: schemaAfter.filter((e) => !before.has(e.name)).map((e) => e.name) };
}

// ---- Rows of each version, in that version's SQL -------------------------------------------------------------

/** Version 1: two patients, a case each (one with every optional column filled, one with the defaults). */
export function seedV1(db: Db): { patientIds: number[]; caseIds: number[] } {
  const p1 = insertRow(db, 'patients', {
    family_name: 'Quill',
    given_names: 'Ada',
    mrn: 'T-1001',
    date_of_birth: '1961-05-02',
    sex: 'female',
  });
  const p2 = insertRow(db, 'patients', {
    family_name: 'Marsh',
    given_names: 'Peter',
    mrn: 'T-1002',
    date_of_birth: '1948-11-30',
    sex: 'male',
  });
  const c1 = insertRow(db, 'cases', {
    patient_id: p1,
    consultant_name: 'Dr B. Surgeon',
    consultant_contact: 'bleep 2001',
    referring_hospital: 'Northgate General',
    tumour_site: 'Left thigh, deep',
    site_chapter: 'trunk-extremity',
    working_diagnosis: 'Undifferentiated pleomorphic sarcoma',
    clinical_history: 'Enlarging painless mass over 4 months.',
    board_question: 'Neoadjuvant radiotherapy?',
    ecog: 1,
    comorbidities: 'Type 2 diabetes',
    patient_knowledge: 'Aware of a likely sarcoma diagnosis',
    status: 'ready',
    version: 3,
    created_at: '2026-10-01T09:00:00.000Z',
    updated_at: '2026-10-03T10:30:00.000Z',
  });
  const c2 = insertRow(db, 'cases', {
    patient_id: p2,
    consultant_name: 'Dr C. Oncologist',
    consultant_contact: 'ext 4411',
    tumour_site: 'Retroperitoneum',
    site_chapter: 'retroperitoneum',
    working_diagnosis: 'Liposarcoma?',
    board_question: 'Resectable?',
    created_at: '2026-10-02T09:00:00.000Z',
    updated_at: '2026-10-02T09:00:00.000Z',
  });
  return { patientIds: [p1, p2], caseIds: [c1, c2] };
}

/** Version 2: an import into the first case with a rejection, and a study with a series of one instance. */
export function seedV2(
  db: Db,
  caseId: number,
): { importId: number; sopInstanceUid: string; seriesInstanceUid: string } {
  const importId = insertRow(db, 'dicom_imports', {
    started_at: '2026-10-04T08:00:00.000Z',
    finished_at: '2026-10-04T08:01:00.000Z',
    status: 'done',
    case_id: caseId,
    scanned: 2,
    imported: 1,
    rejected: 1,
    bytes_stored: 525_000,
    source: '["/media/cd"]',
    process_id: 4242,
  });
  insertRow(db, 'dicom_rejections', { import_id: importId, path: '/media/cd/README.TXT', reason: 'not DICOM' });
  const studyId = insertRow(db, 'dicom_studies', {
    study_instance_uid: '1.2.826.0.1.1',
    case_id: caseId,
    patient_id_dicom: 'T-1001',
    patient_name_dicom: 'Quill^Ada',
    study_date: '2026-09-28',
    study_description: 'MRI thigh',
    modalities_in_study: 'MR',
    first_import_id: importId,
    created_at: '2026-10-04T08:01:00.000Z',
  });
  const seriesInstanceUid = '1.2.826.0.1.1.1';
  const seriesId = insertRow(db, 'dicom_series', {
    series_instance_uid: seriesInstanceUid,
    study_id: studyId,
    modality: 'MR',
    series_number: 3,
    series_description: 'T1 axial',
  });
  const sopInstanceUid = '1.2.826.0.1.1.1.1';
  insertRow(db, 'dicom_instances', {
    sop_instance_uid: sopInstanceUid,
    sop_class_uid: '1.2.840.10008.5.1.4.1.1.4',
    series_id: seriesId,
    instance_number: 1,
    image_position_patient: '[-125,-128.1,-99.48]',
    slice_position: -99.48,
    pixel_spacing: '[0.5,0.5]',
    rows: 512,
    columns: 512,
    transfer_syntax_uid: '1.2.840.10008.1.2.1',
    window_center: '[600]',
    window_width: '[1200]',
    file_hash: 'ab'.repeat(32),
    file_size: 525_000,
    stored_path: `images/ab/ab/${'ab'.repeat(32)}.dcm`,
    imported_at: '2026-10-04T08:01:00.000Z',
    import_id: importId,
  });
  return { importId, sopInstanceUid, seriesInstanceUid };
}

/** Version 3: a measurement, a key image and two lesions (one measured, one typed without sizes). */
export function seedV3(db: Db, caseId: number, image: { sopInstanceUid: string; seriesInstanceUid: string }): void {
  insertRow(db, 'annotations', {
    id: 'b5b7c0de-0000-4000-8000-000000000001',
    case_id: caseId,
    series_instance_uid: image.seriesInstanceUid,
    sop_instance_uid: image.sopInstanceUid,
    frame: 0,
    tool: 'length',
    handles_json: '[[10,20],[110,20]]',
    values_json: '{"lengthMm":50}',
    updated_at: '2026-10-05T09:00:00.000Z',
  });
  insertRow(db, 'key_images', {
    case_id: caseId,
    sop_instance_uid: image.sopInstanceUid,
    frame: 0,
    caption: 'Mass, axial T1',
    view_json: '{"windowCenter":600,"windowWidth":1200}',
    annotations_json: '[]',
    render_path: 'renders/1.png',
    position: 0,
    created_at: '2026-10-05T09:01:00.000Z',
  });
  insertRow(db, 'lesions', {
    case_id: caseId,
    label: 'Primary',
    long_cm: 9.5,
    short_cm: 6,
    craniocaudal_cm: 11.2,
    study_date: '2026-09-28',
    source: 'measured',
    updated_at: '2026-10-05T09:02:00.000Z',
  });
  insertRow(db, 'lesions', {
    case_id: caseId,
    label: 'Node?',
    source: 'typed',
    updated_at: '2026-10-05T09:03:00.000Z',
  });
}

/** Version 4: a pathology report with IHC and molecular results, staging, a tick, a plan, an event, an override. */
export function seedV4(db: Db, caseId: number): void {
  const reportId = insertRow(db, 'pathology_reports', {
    case_id: caseId,
    procedure: 'core-needle-biopsy',
    specimen_date: '2026-10-08',
    histotype_id: 'undifferentiated-pleomorphic-sarcoma',
    differentiation: 3,
    mitoses_per_10hpf: 25,
    necrosis_percent: 30,
    created_at: '2026-10-09T09:00:00.000Z',
    updated_at: '2026-10-09T09:00:00.000Z',
  });
  insertRow(db, 'pathology_ihc', { report_id: reportId, position: 0, marker: 'desmin', result: 'negative' });
  insertRow(db, 'pathology_molecular', {
    report_id: reportId,
    position: 0,
    test: 'MDM2 amplification (FISH)',
    result: 'not amplified',
  });
  insertRow(db, 'staging_inputs', { case_id: caseId, n_status: 'N0', updated_at: '2026-10-09T09:05:00.000Z' });
  insertRow(db, 'readiness_ticks', {
    case_id: caseId,
    item: 'chest-ct',
    date: '2026-10-06',
    ticked_by: 'Dr Y',
    created_at: '2026-10-09T09:06:00.000Z',
  });
  db.prepare('UPDATE readiness_settings SET stale_weeks = 6 WHERE id = 1').run();
  insertRow(db, 'case_plans', {
    case_id: caseId,
    options_json: '["neoadjuvant-rt"]',
    text: 'RT then resection',
    updated_at: '2026-10-09T09:07:00.000Z',
  });
  insertRow(db, 'case_events', {
    case_id: caseId,
    kind: 'presentation',
    date: '2026-06',
    created_at: '2026-10-09T09:08:00.000Z',
  });
  insertRow(db, 'ready_overrides', {
    case_id: caseId,
    by_whom: 'Dr Z',
    why: 'urgent',
    meeting_date: '2026-12-10',
    missing_json: '["mdm2"]',
    created_at: '2026-10-09T09:09:00.000Z',
  });
}

/** Version 5: a finished meeting with the case on it, a slide edit, a signed-off decision and an amendment. */
export function seedV5(db: Db, caseId: number): { meetingId: number; itemId: number } {
  const meetingId = insertRow(db, 'meetings', {
    board_type: 'sarcoma',
    title: 'Sarcoma MDT',
    starts_at: '2026-12-10T13:00',
    duration_minutes: 90,
    submission_cutoff: '2026-12-08T12:00',
    status: 'finished',
    created_at: '2026-11-01T09:00:00.000Z',
    updated_at: '2026-12-10T15:00:00.000Z',
  });
  const itemId = insertRow(db, 'agenda_items', {
    meeting_id: meetingId,
    case_id: caseId,
    position: 0,
    presenter: 'Dr B. Surgeon',
    state: 'discussed',
    created_at: '2026-11-02T09:00:00.000Z',
    updated_at: '2026-12-10T14:00:00.000Z',
  });
  insertRow(db, 'deck_edits', {
    item_id: itemId,
    slide_key: `case-${caseId}/title`,
    text_json: '{"question":"Neoadjuvant RT?"}',
    updated_at: '2026-12-09T09:00:00.000Z',
  });
  const decisionId = insertRow(db, 'decisions', {
    item_id: itemId,
    recommendation_json: '["neoadjuvant-rt"]',
    intent: 'curative',
    outcome: 'discussed',
    signed_off_at: '2026-12-10T14:10:00.000Z',
    signed_off_by: 'Dr Chair',
    created_at: '2026-12-10T14:00:00.000Z',
    updated_at: '2026-12-10T14:10:00.000Z',
  });
  insertRow(db, 'decision_amendments', {
    decision_id: decisionId,
    by_whom: 'Dr Chair',
    why: 'typo',
    before_json: '{"notes":""}',
    after_json: '{"notes":"RT 50 Gy"}',
    created_at: '2026-12-11T09:00:00.000Z',
  });
  return { meetingId, itemId };
}

export interface Seeded {
  patientIds: number[];
  /** The first case has rows in every table of the version; the second only its case row. */
  caseIds: number[];
  importId?: number;
  sopInstanceUid?: string;
  meetingId?: number;
  itemId?: number;
}

/** Rows of every version from 1 up to `version`, each written with its own version's SQL. */
export function seedThrough(db: Db, version: number): Seeded {
  const seeded: Seeded = seedV1(db);
  const caseId = seeded.caseIds[0];
  if (version >= 2) {
    const image = seedV2(db, caseId);
    Object.assign(seeded, { importId: image.importId, sopInstanceUid: image.sopInstanceUid });
    if (version >= 3) seedV3(db, caseId, image);
  }
  if (version >= 4) seedV4(db, caseId);
  if (version >= 5) Object.assign(seeded, seedV5(db, caseId));
  return seeded;
}
