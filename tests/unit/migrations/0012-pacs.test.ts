import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { expectStrictTables, insertRow, migrateOneStep, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

const NOW = '2026-12-03T09:00:00.000Z';

describe('migration 0012: PACS nodes and transfers', () => {
  it('upgrades a version 11 database: nodes need a transport, their secret never reaches the audit trail, transfers keep their case', () => {
    expect(MIGRATIONS[11]).toMatchObject({ version: 12 });
    let seeded: ReturnType<typeof seedThrough> | undefined;
    const { db, added } = migrateOneStep(tempDataDir(), 11, (v11) => {
      seeded = seedThrough(v11, 11);
    });
    expect(added).toEqual(expect.arrayContaining(['pacs_nodes', 'pacs_transfers']));
    expectStrictTables(db, ['pacs_nodes', 'pacs_transfers']);

    const node = (row: Record<string, unknown>) =>
      insertRow(db, 'pacs_nodes', { created_at: NOW, updated_at: NOW, ...row });
    // Neither DICOMweb nor a complete DIMSE address: refused.
    expect(() => node({ name: 'Empty' })).toThrow(/CHECK/);
    expect(() => node({ name: 'Half', called_aet: 'ORTHANC', host: 'pacs' })).toThrow(/CHECK/);
    expect(() => node({ name: 'Slash', called_aet: 'OR\\TH', host: 'pacs', port: 104 })).toThrow(/CHECK/);
    expect(() => node({ name: 'Move', called_aet: 'PACS', host: 'pacs', port: 104, dimse_retrieve: 'c-move' })).toThrow(
      /CHECK/,
    );
    const id = node({
      name: 'Radiology',
      dicomweb_url: 'https://pacs.local/dicom-web',
      auth: 'bearer',
      secret: 's3cret',
    });
    expect(() => node({ name: 'radiology', dicomweb_url: 'http://other/dicom-web' })).toThrow(/UNIQUE/);

    const logged = db
      .prepare("SELECT after_json FROM audit_log WHERE entity = 'pacs_nodes' AND entity_id = ?")
      .all(String(id)) as { after_json: string }[];
    expect(logged).toHaveLength(1);
    expect(logged[0].after_json).not.toContain('s3cret');
    expect(JSON.parse(logged[0].after_json)).toMatchObject({ name: 'Radiology', has_secret: 1 });

    const caseId = seeded!.caseIds[0];
    const transfer = insertRow(db, 'pacs_transfers', {
      node_id: id,
      node_name: 'Radiology',
      direction: 'retrieve',
      transport: 'dicomweb',
      case_id: caseId,
      study_uid: '1.2.3',
      started_at: NOW,
    });
    // A finished transfer says when; a running one does not.
    expect(() => db.prepare("UPDATE pacs_transfers SET status = 'done' WHERE id = ?").run(transfer)).toThrow(/CHECK/);
    db.prepare("UPDATE pacs_transfers SET status = 'done', finished_at = ?, files = 37 WHERE id = ?").run(
      NOW,
      transfer,
    );
    db.prepare('DELETE FROM pacs_nodes WHERE id = ?').run(id);
    expect(db.prepare('SELECT node_id, node_name, files FROM pacs_transfers').get()).toEqual({
      node_id: null,
      node_name: 'Radiology',
      files: 37,
    });
  });
});
