import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, sha256File, type BackupManifest } from '../../../electron/db/backup-manifest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { openDatabase, type Db } from '../../../electron/db/open';
import { backup } from '../../../electron/services/backup/backup';
import { restore } from '../../../electron/services/backup/restore';
import { verifyBackup } from '../../../electron/services/backup/verify';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { loadDemoImages } from '../../../electron/services/demo/demo-images';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

/** The schema a data folder has once opened: the last migration's number. */
const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;

/** One demo board with its synthetic CT and key images, backed up once; the tests restore copies of it. */
let dataDir: string;
let db: Db;
let backupFolder: string;
let manifest: BackupManifest;
let root: string;

beforeAll(async () => {
  // tempDataDir removes its folders after each test: this one is shared by the file's tests, removed after them.
  root = mkdtempSync(path.join(os.tmpdir(), 'boardprep-backup-test-'));
  dataDir = path.join(root, 'data');
  db = openDatabase(dataDir);
  loadDemoBoard(db, RESOURCES_DIR);
  const images = await loadDemoImages(db, dataDir, RESOURCES_DIR);
  expect(images.keyImages).toBeGreaterThan(0);
  const result = await backup(dataDir, db, path.join(root, 'backups'), { appVersion: '9.9.9' });
  backupFolder = result.folder;
  manifest = JSON.parse(readFileSync(path.join(backupFolder, MANIFEST_FILE), 'utf8')) as BackupManifest;
}, 120_000);

afterAll(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

const indexedImages = (d: Database.Database) =>
  d.prepare('SELECT DISTINCT stored_path, file_hash FROM dicom_instances').all() as {
    stored_path: string;
    file_hash: string;
  }[];

describe('backup and restore', () => {
  it('writes a dated folder with the database, every image and render, and a manifest of their hashes', () => {
    expect(path.basename(backupFolder)).toMatch(/^boardprep-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/);
    expect(manifest).toMatchObject({ appVersion: '9.9.9', schemaVersion: LATEST, scope: 'everything' });
    expect(manifest.auditHead).toEqual(expect.objectContaining({ lastId: expect.any(Number) }));
    const images = indexedImages(db);
    expect(images.length).toBeGreaterThan(10);
    expect(manifest.counts.cases).toBe(new CasesService(db).count());
    const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    for (const i of images) expect(listed.get(i.stored_path)).toBe(i.file_hash);
    expect(manifest.files.filter((f) => f.path.startsWith('renders/')).length).toBe(manifest.counts.renders);
    // No temporary folder is left next to it.
    expect(readdirSync(path.dirname(backupFolder))).toEqual([path.basename(backupFolder)]);
    // The backup itself is in the live audit trail.
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup'").pluck().get()).toBe(1);
    expect(verifyBackup(backupFolder).files).toBe(manifest.files.length);
  });

  it('restores into a new folder that opens with the same cases, audit head, images and key-image renders', () => {
    const target = path.join(tempDataDir(), 'restored');
    const report = restore(backupFolder, target);
    expect(report).toMatchObject({ files: manifest.files.length, counts: manifest.counts });
    const restored = openDatabase(target);
    try {
      expect(new CasesService(restored).count()).toBe(new CasesService(db).count());
      // The backup's head is in the restored chain, and the restore is recorded right after it.
      const head = manifest.auditHead!;
      expect(restored.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(head.lastId)).toBe(head.lastHash);
      expect(
        restored.prepare('SELECT action, prev_hash FROM audit_log WHERE id > ? ORDER BY id').all(head.lastId),
      ).toEqual([{ action: 'restore', prev_hash: head.lastHash }]);
      for (const i of indexedImages(restored)) expect(sha256File(path.join(target, i.stored_path))).toBe(i.file_hash);
      const renders = restored.prepare('SELECT render_path FROM key_images').pluck().all() as string[];
      expect(renders.length).toBeGreaterThan(0);
      for (const r of renders) expect(readFileSync(path.join(target, r)).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      restored.close();
    }
  });

  it('refuses a folder that is not empty, and changes nothing there', () => {
    const target = tempDataDir();
    writeFileSync(path.join(target, 'notes.txt'), 'mine');
    expect(() => restore(backupFolder, target)).toThrow(/is not empty: restore only into a new or empty folder/);
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it('refuses a tampered backup naming the file, and leaves nothing in the target', () => {
    const copyRoot = tempDataDir();
    const tampered = path.join(copyRoot, 'tampered');
    // A copy of the backup folder (files and manifest alike) with one byte of one image changed.
    cpSync(backupFolder, tampered, { recursive: true });
    const image = manifest.files.find((f) => f.path.startsWith('images/'))!;
    const bytes = readFileSync(path.join(tampered, image.path));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(path.join(tampered, image.path), bytes);
    const target = path.join(copyRoot, 'restored');
    expect(() => restore(tampered, target)).toThrow(`${image.path} has changed since the backup`);
    expect(existsSync(target)).toBe(false);
    expect(() => verifyBackup(tampered)).toThrow(image.path);
  });

  it('takes a consistent copy while another connection writes', async () => {
    const writer = openDatabase(dataDir);
    const before = new CasesService(db).count();
    let writes = 0;
    let stop = false;
    // Another connection renames a patient over and over while the backup runs (each in its own transaction).
    const loop = (async () => {
      const ids = writer.prepare('SELECT id FROM patients').pluck().all() as number[];
      while (!stop) {
        writer
          .prepare('UPDATE patients SET given_names = ? WHERE id = ?')
          .run(`Name ${writes}`, ids[writes % ids.length]);
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const result = await backup(dataDir, db, path.join(tempDataDir(), 'while-writing'), { appVersion: '9.9.9' });
    stop = true;
    await loop;
    writer.close();
    expect(writes).toBeGreaterThan(0);
    const target = path.join(tempDataDir(), 'restored');
    const report = restore(result.folder, target);
    expect(report.counts.cases).toBe(before);
    const check = new Database(path.join(target, 'boardprep.db'), { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
