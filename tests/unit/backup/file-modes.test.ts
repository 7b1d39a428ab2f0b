import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { backup } from '../../../electron/services/backup/backup';
import { restore } from '../../../electron/services/backup/restore';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { StoreSession, sha256Hex } from '../../../electron/services/dicom/store';
import { acceptRenderUpload, claimRender } from '../../../electron/services/imaging/render-store';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

const mode = (p: string) => statSync(p).mode & 0o777;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** Every file and folder under `dir` with a mode other than 0700 (folders) or 0600 (files). */
function widerThanOwner(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => path.join(e.parentPath, e.name))
    .filter((p) => mode(p) !== (statSync(p).isDirectory() ? 0o700 : 0o600));
}

// POSIX file modes do not exist on Windows (its per-user profile folder's ACLs keep other users out).
describe.skipIf(process.platform === 'win32')('owner-only files', () => {
  it('creates the data folder, the database files, stored images and renders readable by the owner only', async () => {
    const dataDir = path.join(tempDataDir(), 'data');
    const db = openDatabase(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const f of ['boardprep.db', 'boardprep.db-wal', 'boardprep.db-shm'])
      expect(mode(path.join(dataDir, f))).toBe(0o600);

    const bytes = Buffer.from('not really DICOM, but stored all the same');
    const importId = Number(
      db.prepare("INSERT INTO dicom_imports (started_at, status) VALUES ('2026-12-03T10:00:00Z', 'running')").run()
        .lastInsertRowid,
    );
    const session = new StoreSession(db, dataDir, importId);
    const put = await session.put(bytes, sha256Hex(bytes));
    expect(mode(path.join(dataDir, put.storedPath))).toBe(0o600);
    acceptRenderUpload(dataDir, 'token-12345', PNG);
    claimRender(dataDir, 'token-12345');
    session.close();
    db.close();
    expect(widerThanOwner(dataDir)).toEqual([]);
  });

  it('tightens a data folder an older version left open, and says what it changed', () => {
    const dataDir = path.join(tempDataDir(), 'data');
    openDatabase(dataDir).close();
    mkdirSync(path.join(dataDir, 'images'));
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'images'), 0o755);
    chmodSync(path.join(dataDir, 'boardprep.db'), 0o644);
    const notices: string[] = [];
    openDatabase(dataDir, { notice: (l) => notices.push(l) }).close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'images'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'boardprep.db'))).toBe(0o600);
    expect(notices).toEqual([
      expect.stringMatching(/^Made private to this user \(owner-only\): .*755 -> 700.*644 -> 600/),
    ]);
  });

  it('writes backups and restored folders owner-only', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    loadDemoBoard(db, RESOURCES_DIR);
    const to = path.join(tempDataDir(), 'backups');
    const made = await backup(dataDir, db, to, { appVersion: '9.9.9' });
    db.close();
    expect(mode(to)).toBe(0o700);
    expect(widerThanOwner(to)).toEqual([]);
    const target = path.join(tempDataDir(), 'restored');
    restore(made.folder, target);
    expect(mode(target)).toBe(0o700);
    expect(widerThanOwner(target)).toEqual([]);
  });
});
