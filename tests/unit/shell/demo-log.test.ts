import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { logsDir } from '../../../electron/host/log';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const quiet: CliIo = { out: () => {}, err: () => {}, progress: () => {} };

interface DemoPatient {
  familyName: string;
  givenNames: string;
  mrn: string;
  dateOfBirth: string;
}

describe('the log of a demo run', () => {
  it('is in <data>/logs and names no demo patient (no name, MRN or date of birth)', async () => {
    const dataDir = tempDataDir();
    expect(await runCli(['demo', '--data', dataDir], { appRoot, version: '9.9.9' }, quiet)).toBe(0);
    // A second run skips every patient (the terminal names their MRNs; the log must not).
    expect(await runCli(['demo', '--no-images', '--data', dataDir], { appRoot, version: '9.9.9' }, quiet)).toBe(0);

    const files = readdirSync(logsDir(dataDir));
    expect(files).toEqual(['cli.log']);
    const text = readFileSync(path.join(logsDir(dataDir), 'cli.log'), 'utf8');
    // It says what happened, with ids and counts.
    expect(text).toMatch(/demo board loaded \{ casesCreated: 7, skipped: 0 \}/);
    expect(text).toMatch(/demo images stored \{ demoCase: '[a-z-]+', caseId: \d+, imported: \d+/);
    expect(text).toMatch(/demo board loaded \{ casesCreated: 0, skipped: 7 \}/);
    expect(text).toMatch(/boardprep demo finished .*exitCode: 0/);

    const board = JSON.parse(readFileSync(path.join(RESOURCES_DIR, 'demo', 'board.json'), 'utf8')) as {
      cases: { case: { patient: DemoPatient } }[];
    };
    const identifiers = board.cases.flatMap(({ case: { patient: p } }) => [
      p.familyName,
      ...p.givenNames.split(' '),
      p.mrn,
      p.dateOfBirth,
    ]);
    expect(identifiers.length).toBeGreaterThan(20);
    for (const id of identifiers) expect(text, id).not.toContain(id);
  });
});
