import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { STAGING_KEEP_DAYS, startupSweep } from '../../../electron/host/startup';
import { makeScratchDir } from '../../../electron/services/scratch';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

/** A pid no process has: one that just exited. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
}

describe('the start-up sweep of working folders', () => {
  it('removes the Chromium profiles and demo folders of processes that are gone, and leaves running ones alone', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const tmp = path.join(dataDir, 'tmp');
    const dead = deadPid();
    const folder = (name: string) => {
      mkdirSync(path.join(tmp, name), { recursive: true });
      return path.join(tmp, name);
    };
    // A killed CLI export's Chromium profile (its history holds the web host's token) and a killed demo load.
    writeFileSync(path.join(folder(`chromium-${dead}-Ab12Cd`), 'History'), 'http://127.0.0.1:4000/?token=secret');
    folder(`demo-images-${dead}-Ef34Gh`);
    // A previous run that had this same pid (after a restart in a container, say): not made by this process.
    folder(`chromium-${process.pid}-Ij56Kl`);
    // Working folders of processes that are running: this one, and another (the test runner's parent).
    const mine = makeScratchDir(dataDir, 'chromium');
    const other = folder(`demo-images-${process.ppid}-Mn78Op`);
    // Demo folders of BoardPrep before tmp/, in the data folder itself: one abandoned two hours ago, one in use.
    const oldDemo = path.join(dataDir, '.demo-images-0a1b2c');
    mkdirSync(oldDemo);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(oldDemo, twoHoursAgo, twoHoursAgo);
    mkdirSync(path.join(dataDir, '.demo-images-3d4e5f'));

    await startupSweep({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' });
    expect(readdirSync(tmp).sort()).toEqual([path.basename(other), path.basename(mine)].sort());
    expect(existsSync(oldDemo)).toBe(false);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.demo-images'))).toEqual(['.demo-images-3d4e5f']);
    db.close();
  });

  it('removes PACS retrievals left unfinished for two weeks, and keeps recent ones for their retry', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const incoming = path.join(dataDir, 'pacs-incoming');
    const staged = (name: string, daysAgo: number) => {
      const dir = path.join(incoming, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, '1.2.3.dcm'), 'DICM');
      const then = new Date(Date.now() - daysAgo * 86_400_000);
      utimesSync(dir, then, then);
    };
    staged('1-1.2.840.1', STAGING_KEEP_DAYS + 1);
    staged('1-1.2.840.2', 1);
    const said: string[] = [];
    await startupSweep({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' }, (line) => said.push(line));
    expect(readdirSync(incoming)).toEqual(['1-1.2.840.2']);
    expect(said).toContain(`Removed 1 PACS retrieval(s) left unfinished for ${STAGING_KEEP_DAYS} days.`);
    db.close();
  });
});
