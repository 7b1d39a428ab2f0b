import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliEnv, type CliIo } from '../../../electron/cli/command';
import { openLog } from '../../../electron/host/log';
import { exportCommand } from '../../../electron/cli/export-command';
import { openDatabase } from '../../../electron/db/open';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';
import { pdfPages, pdfText, slideParts, unzipPptx, xmlText } from './office-files';

/** `boardprep export`, run in-process (as cli.ts runs it) on a data folder with the demo board. */

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');

function demoFolder(): string {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  loadDemoBoard(db, RESOURCES_DIR);
  db.close();
  return dataDir;
}

async function run(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), progress: (l) => progress.push(l) };
  const env: CliEnv = {
    dataDir,
    resourcesDir: RESOURCES_DIR,
    rendererDir: path.join(appRoot, 'out', 'renderer'),
    version: 'test',
    log: openLog(dataDir, 'cli'),
  };
  const code = await exportCommand.run(args, env, io);
  return { code, out: out.join('\n'), err: err.join('\n'), progress };
}

function slideCount(dataDir: string, deidentified: boolean): number {
  const db = openDatabase(dataDir);
  try {
    const m = createMeetingsServices(db);
    return m.deck.meetingDeck(m.meetings.next()!.id, { deidentified }).slides.length;
  } finally {
    db.close();
  }
}

describe('boardprep export', () => {
  it('writes the next meeting’s deck as PPTX, replacing a file there, with progress on the way', async () => {
    const dataDir = demoFolder();
    const file = path.join(dataDir, 'deck.pptx');
    writeFileSync(file, 'an older deck');
    const r = await run(dataDir, '--meeting', 'next', '--pptx', file);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Wrote .*deck\.pptx \(\d+ slides, [\d.]+ MB\) in [\d.]+ s\.$/);
    expect(r.progress.some((l) => /Slide \d+ of \d+/.test(l))).toBe(true);
    const z = unzipPptx(file);
    expect(slideParts(z)).toHaveLength(slideCount(dataDir, false));
    expect(xmlText(z.allXml())).toContain('HALVERSON, Graham Peter');
  });

  it('writes a past meeting’s minutes and an outcome letter for each signed-off case only, naming no patient when de-identified', async () => {
    const dataDir = demoFolder();
    const db = openDatabase(dataDir);
    const november = createMeetingsServices(db)
      .meetings.list()
      .past.find((m) => m.startsAt.startsWith('2026-11-12'))!;
    db.close();
    const letters = path.join(dataDir, 'letters');
    mkdirSync(letters);
    const minutes = path.join(dataDir, 'minutes.pdf');
    const r = await run(
      dataDir,
      '--meeting',
      String(november.id),
      '--minutes',
      minutes,
      '--outcomes',
      letters,
      '--deidentify',
    );
    // Case 2's decision is a draft: no letter, and the command says so (issue 14: letters only for decided cases).
    expect(r.err.trim()).toBe('Case 2: no outcome letter, its decision is not signed off');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(2);
    expect(readdirSync(letters).sort()).toEqual(['case-1-outcome-deidentified.pdf']);
    for (const file of [minutes, ...readdirSync(letters).map((f) => path.join(letters, f))]) {
      const text = pdfText(file);
      expect(text, file).toMatch(/Sarcoma MDT/);
      for (const secret of ['HALVERSON', 'Halverson', 'BP-100231', 'CASTELLANO', 'BP-100263'])
        expect(text.includes(secret), `${file}: ${secret}`).toBe(false);
    }
    expect(pdfText(path.join(letters, 'case-1-outcome-deidentified.pdf'))).toMatch(/Deferred/);

    expect(
      await run(dataDir, '--meeting', String(november.id), '--outcomes', path.join(dataDir, 'nowhere')),
    ).toMatchObject({ code: 2, err: expect.stringContaining('--outcomes needs an existing folder') });
    // Three PDFs, each a print view loaded in Chromium: generous on a busy 2-core machine.
  }, 120_000);

  it('writes the deck as PDF through the app’s print view in headless Chromium, de-identified when asked', async () => {
    const dataDir = demoFolder();
    const pdf = path.join(dataDir, 'deck.pdf');
    const pptx = path.join(dataDir, 'deck.pptx');
    const r = await run(dataDir, '--meeting', 'next', '--pdf', pdf, '--pptx', pptx, '--deidentify', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; pages: number | null; deidentified: boolean });
    expect(lines.map((l) => [l.kind, l.deidentified])).toEqual([
      ['deck-pptx', true],
      ['deck-pdf', true],
    ]);
    const slides = slideCount(dataDir, true);
    expect(pdfPages(pdf)).toBe(slides);
    expect(lines[1].pages).toBe(slides);
    const text = pdfText(pdf);
    expect(text).toContain('Case 1');
    for (const secret of ['HALVERSON', 'Halverson', 'BP-100231', 'CASTELLANO', 'BP-100263']) {
      expect(text.includes(secret), secret).toBe(false);
      expect(unzipPptx(pptx).allXml().includes(secret), secret).toBe(false);
    }
  });

  it('says clearly what is wrong: no such meeting, no upcoming meeting, no Chromium, a bad command line', async () => {
    const dataDir = demoFolder();
    const out = (name: string) => path.join(dataDir, name);
    expect(await run(dataDir, '--meeting', '99', '--pptx', out('x.pptx'))).toMatchObject({
      code: 2,
      err: 'boardprep export: Meeting 99 does not exist',
    });
    const empty = tempDataDir();
    expect(await run(empty, '--meeting', 'next', '--pptx', path.join(empty, 'x.pptx'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('there is no upcoming meeting in'),
    });
    const previous = process.env.BOARDPREP_CHROMIUM;
    process.env.BOARDPREP_CHROMIUM = path.join(dataDir, 'no-chromium-here');
    try {
      const r = await run(dataDir, '--meeting', 'next', '--pdf', out('x.pdf'));
      expect(r.code).toBe(1);
      expect(r.err).toContain('BOARDPREP_CHROMIUM is set to');
    } finally {
      if (previous === undefined) delete process.env.BOARDPREP_CHROMIUM;
      else process.env.BOARDPREP_CHROMIUM = previous;
    }
    expect(await run(dataDir, '--meeting', 'next', '--pdf', path.join(dataDir, 'missing', 'x.pdf'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('does not exist'),
    });
    await expect(run(dataDir, '--pdf', out('x.pdf'))).rejects.toThrow(UsageError);
    await expect(run(dataDir, '--meeting', 'soon', '--pdf', out('x.pdf'))).rejects.toThrow(
      '--meeting must be a meeting number or "next"',
    );
    await expect(run(dataDir, '--meeting', 'next')).rejects.toThrow('Say what to write');
    await expect(run(dataDir, '--meeting', 'next', '--pptx', out('x.ppt'))).rejects.toThrow('ending in .pptx');
    expect(readdirSync(dataDir).filter((f) => /\.(pdf|pptx|partial)$/.test(f))).toEqual([]);
    expect(existsSync(out('x.pptx'))).toBe(false);
    expect(exportCommand.help).toContain('BOARDPREP_CHROMIUM');
  });
});
