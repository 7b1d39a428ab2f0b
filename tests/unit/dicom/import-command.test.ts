import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliEnv, type CliIo } from '../../../electron/cli/command';
import { openLog } from '../../../electron/host/log';
import { importCommand } from '../../../electron/cli/import-command';
import { openDatabase } from '../../../electron/db/open';
import { tempDataDir } from '../helpers/temp';
import { createCase, CT_SERIES, MALFORMED, SINGLE } from './fixtures';

function env(dataDir: string): CliEnv {
  return {
    dataDir,
    resourcesDir: '/nonexistent',
    rendererDir: '/nonexistent',
    version: 'test',
    log: openLog(dataDir, 'cli'),
  };
}

async function run(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), progress: (l) => progress.push(l) };
  const code = await importCommand.run(args, env(dataDir), io);
  return { code, out: out.join('\n'), err: err.join('\n'), progress };
}

describe('boardprep import', () => {
  it('has help that explains paths, --case, --confirm-mismatch, --json and the exit codes', () => {
    expect(importCommand.name).toBe('import');
    expect(importCommand.help).toContain('Usage: boardprep import PATH... [--case ID] [--confirm-mismatch] [--json]');
    for (const word of ['DICOMDIR', '--case ID', '--confirm-mismatch', '--json', 'Exit status: 0'])
      expect(importCommand.help).toContain(word);
  });

  it('imports a folder, prints progress lines and a summary, exits 0', async () => {
    const dataDir = tempDataDir();
    const r = await run(dataDir, CT_SERIES);
    expect(r.code).toBe(0);
    expect(r.progress.some((l) => /^scanned \d+ {2}imported \d+ {2}duplicates 0 {2}rejected 0$/.test(l))).toBe(true);
    expect(r.progress).toContain('scanned 37  imported 37  duplicates 0  rejected 0');
    expect(r.out).toMatch(
      /^Imported 37 images \(1 study, 18\.6 MB\) into .* in \d+\.\d s: 37 files scanned, 0 duplicates \(already imported\), 0 rejected\./,
    );
    expect(r.out).toContain(
      'study 2015-10-26 "CT CHEST W CONTRAST" CT (Bellona, ID 0000006): 37 new, 0 already there; not attached to a case',
    );
  });

  it('with --json prints one JSON object; rejections are listed and do not fail the import', async () => {
    const dataDir = tempDataDir();
    const r = await run(dataDir, '--json', path.join(SINGLE, 'CT_small.dcm'), path.join(MALFORMED, 'badVR.dcm'));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      dataDir,
      status: 'done',
      imported: 1,
      rejected: [{ path: path.join(MALFORMED, 'badVR.dcm') }],
    });
  });

  it('exits 1 when nothing could be imported and files were rejected, naming each file and reason', async () => {
    const r = await run(tempDataDir(), MALFORMED);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Rejected files:');
    expect(r.out).toContain(
      `${path.join(MALFORMED, 'MR_truncated.dcm')}: truncated: pixel data ends early (8130 of 8192 bytes)`,
    );
  });

  it('exits 0 when everything was already imported', async () => {
    const dataDir = tempDataDir();
    await run(dataDir, CT_SERIES);
    const again = await run(dataDir, CT_SERIES);
    expect(again.code).toBe(0);
    expect(again.out).toContain('37 duplicates');
  });

  it('attaches to --case, and explains a patient mismatch and --confirm-mismatch', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const caseId = createCase(db);
    db.close();
    const r = await run(dataDir, CT_SERIES, '--case', String(caseId));
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `Not attached to case ${caseId}: the patient in these studies differs from the case's patient:`,
    );
    expect(r.out).toContain('patient ID "0000006" is not the case\'s MRN "T-1001"');
    expect(r.out).toContain('--confirm-mismatch');
    const confirmed = await run(dataDir, CT_SERIES, `--case=${caseId}`, '--confirm-mismatch');
    expect(confirmed.out).toContain(`attached to case ${caseId}`);
  });

  it('bad command lines are usage errors (exit 2 through the CLI)', async () => {
    const dataDir = tempDataDir();
    await expect(run(dataDir)).rejects.toThrow(new UsageError('Give at least one file or folder to import'));
    await expect(run(dataDir, CT_SERIES, '--case', 'abc')).rejects.toThrow('--case must be a case number, not "abc"');
    await expect(run(dataDir, CT_SERIES, '--case', '99')).rejects.toThrow(UsageError);
    await expect(run(dataDir, CT_SERIES, '--confirm-mismatch')).rejects.toThrow('--confirm-mismatch needs --case');
    await expect(run(dataDir, CT_SERIES, '--colour')).rejects.toThrow('Unknown option --colour');
  });
});

describe('boardprep import prints what the files say, never what they would make the terminal do', () => {
  it('control characters in a patient name (ANSI escapes that clear the screen and fake a status line) are printed as ?', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'escapes.dcm');
    execFileSync('/usr/bin/python3', [
      '-c',
      'import pydicom, sys\nds = pydicom.dcmread(sys.argv[1])\nds.PatientName = "\\x1b[2J\\x1b[HDoe^Jane\\rImport OK"\nds.save_as(sys.argv[2])',
      path.join(CT_SERIES, '1.dcm'),
      file,
    ]);
    const r = await run(tempDataDir(), file);
    expect(r.code).toBe(0);
    // No control character but the newlines that join the lines.
    const controls = [...r.out].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f));
    expect(controls).toEqual([]);
    expect(r.out).toContain('(?[2J?[HDoe Jane?Import OK, ID 0000006)');
  });
});
