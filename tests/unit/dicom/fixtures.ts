import { execFileSync } from 'node:child_process';
import { cpSync, chmodSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { CaseInput } from '../../../shared/domain/case';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

export { CD_TREE, CT_SERIES, DICOM_DIR, MALFORMED, SINGLE } from '../../fixtures';

/** A writable copy of a folder of test data, in a temp folder removed after the test. */
export function copyTree(from: string): string {
  const to = path.join(tempDataDir(), path.basename(from));
  cpSync(from, to, { recursive: true });
  makeWritable(to);
  return to;
}

function makeWritable(p: string): void {
  const st = statSync(p);
  chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const name of readdirSync(p)) makeWritable(path.join(p, name));
}

/** All files under a folder, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  try {
    walk(dir);
  } catch {
    return [];
  }
  return out.sort();
}

/** Stored image files (`images/ab/cd/<hash>.dcm`) in a data folder. */
export function storedFiles(dataDir: string): string[] {
  return filesUnder(path.join(dataDir, 'images')).filter((f) =>
    /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.dcm$/.test(f),
  );
}

/** Temp files (`<hash>.<pid>-<importId>.part`, or `<hash>.<pid>.part` from before claims) anywhere in the store. */
export function tempFiles(dataDir: string): string[] {
  return filesUnder(path.join(dataDir, 'images')).filter((f) => f.endsWith('.part'));
}

export function createCase(db: Db, patient: Partial<ReturnType<typeof caseInput>['patient']> = {}): number {
  return new CasesService(db).create(CaseInput.parse(caseInput({ patient }))).id;
}

/**
 * A value as DCMTK's dcmdump reads it (independent of dicom-parser). Fails loudly when DCMTK is missing: these
 * cross-checks are part of the suite, not optional.
 */
export function dcmdump(file: string, tag: string): string | null {
  let out: string;
  try {
    out = execFileSync('dcmdump', ['-q', '-Un', '+P', tag, file], { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'dcmdump (DCMTK) is not installed; the DICOM tests compare against it. Install it: apt-get install dcmtk',
      );
    }
    throw e;
  }
  const line = out.split('\n').find((l) => l.startsWith(`(${tag.toLowerCase()})`));
  if (!line) return null;
  const m = /^\([0-9a-f,]+\) \w\w (?:\[(.*?)\]|=(\S+)|(\S.*?))\s+#/.exec(line);
  if (!m) return null;
  return m[1] ?? m[2] ?? m[3] ?? null;
}
