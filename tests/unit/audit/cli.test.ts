import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBoardprep } from '../helpers/cli';
import { auditBoard, rawTamper } from './fixtures';

const run = runBoardprep;

describe('boardprep audit', () => {
  it('verify answers 0 when intact and 1 naming the first broken entry; each run is logged', async () => {
    const b = await auditBoard();
    const c = await b.newCase(b.callers.chair, { patient: { mrn: 'CLI-1' } });
    const intact = await run('audit', 'verify', '--data', b.dataDir);
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/^The audit trail is intact: \d+ entries/) });
    const json = await run('audit', 'verify', '--json', '--data', b.dataDir);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, firstBroken: null });
    const runs = b.db.prepare("SELECT actor FROM audit_log WHERE action = 'verify'").pluck().all() as string[];
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatch(/^cli:/);

    const target = b.db
      .prepare("SELECT id FROM audit_log WHERE entity = 'cases' AND action = 'create'")
      .pluck()
      .get() as number;
    const raw = rawTamper(b.file);
    raw.prepare("UPDATE audit_log SET after_json = '{}' WHERE id = ?").run(target);
    raw.close();
    const broken = await run('audit', 'verify', '--data', b.dataDir);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(
      new RegExp(
        `^The audit trail is broken\\. Entry ${target} \\(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}, create cases ${c.id} by chair\\): ` +
          'its hash does not match its content — the row was changed after it was written$',
      ),
    );
    const brokenJson = await run('audit', 'verify', '--json', '--data', b.dataDir);
    expect(brokenJson.code).toBe(1);
    expect(JSON.parse(brokenJson.out).firstBroken).toMatchObject({ id: target });
  });

  it('export writes the filtered CSV to a file, and refuses bad options', async () => {
    const b = await auditBoard();
    await b.newCase(b.callers.chair, { patient: { mrn: 'CLI-2', familyName: 'Export' } });
    const file = path.join(b.dataDir, 'trail.csv');
    const done = await run(
      'audit',
      'export',
      '--to',
      file,
      '--patient',
      'CLI-2',
      '--user',
      'chair',
      '--data',
      b.dataDir,
    );
    expect(done).toMatchObject({ code: 0, out: `Wrote 2 audit entries to ${file}.` });
    const lines = readFileSync(file, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^id,at,actor,/);
    expect(lines).toHaveLength(4);
    expect(await run('audit', 'export', '--to', file, '--from', '3 Dec', '--data', b.dataDir)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--from: Give a date as YYYY-MM-DD/),
    });
    expect(await run('audit', 'export', '--data', b.dataDir)).toMatchObject({ code: 2, err: /--to FILE is required/ });
    expect(await run('audit', 'check', '--data', b.dataDir)).toMatchObject({ code: 2 });
  });
});
