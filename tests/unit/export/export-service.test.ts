import { CHAIR } from '../helpers/caller';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerExportMedia, exportHandlers } from '../../../electron/host/handlers/exports';
import { dispatch, type HandlerTable } from '../../../electron/host/dispatch';
import { DomainError } from '../../../electron/services/errors';
import { ExportsService } from '../../../electron/services/export';
import type { PdfPrinter, PrintOptions } from '../../../electron/services/export/pdf';
import { JobRegistry } from '../../../electron/services/jobs/job-registry';
import { ExportRequest, exportsContract, type ExportRequestInput } from '../../../shared/contract/exports';
import { insertKeyImages, setup } from '../meetings/fixtures';
import { testPicture } from './png-fixture';
import { slideParts, unzipPptx, xmlText } from './office-files';

/** A printer that records what it was asked and answers a small PDF with one page per "page" it is told. */
class FakePrinter implements PdfPrinter {
  calls: { url: string; options: PrintOptions }[] = [];
  constructor(private readonly behaviour: 'ok' | 'hang' | 'fail' = 'ok') {}
  async print(url: string, options: PrintOptions): Promise<Buffer> {
    this.calls.push({ url, options });
    options.onPhase?.('starting');
    options.onPhase?.('loading');
    if (this.behaviour === 'fail') throw new Error('The print view was not ready after 120 s.');
    if (this.behaviour === 'hang') {
      await new Promise((_, reject) => {
        const stop = () => reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' }));
        if (options.signal?.aborted) stop();
        options.signal?.addEventListener('abort', stop, { once: true });
      });
    }
    options.onPhase?.('printing');
    return Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Type /Page >>\n%%EOF\n',
      'latin1',
    );
  }
}

function world(printer: PdfPrinter | null = new FakePrinter()) {
  const s = setup();
  const quill = s.newCase({ patient: { familyName: 'Quill', givenNames: 'Ada' } });
  const raven = s.newCase({
    patient: { familyName: 'Ravensworth', givenNames: 'Tobias', dateOfBirth: '1950-01-20' },
    referringHospital: 'Eastfield Hospital',
  });
  const meetingId = s.newMeeting();
  s.m.agenda.add(meetingId, [quill, raven]);
  insertKeyImages(s.db, quill, 2);
  mkdirSync(path.join(s.dataDir, 'renders'), { recursive: true });
  for (let i = 0; i < 2; i++) writeFileSync(path.join(s.dataDir, 'renders', `${i}.png`), testPicture(320, 240, i + 1));
  const jobs = new JobRegistry();
  const exports = new ExportsService({
    db: s.db,
    dataDir: s.dataDir,
    meetings: s.m,
    jobs,
    pdf: printer ? { printer, urlFor: (route) => `http://print.test/#${route}` } : null,
  });
  const items = s.m.meetings.get(meetingId).items;
  return { ...s, meetingId, items, jobs, exports, quill, raven };
}

const request = (input: ExportRequestInput) => ExportRequest.parse(input);

async function finished(w: ReturnType<typeof world>, jobId: string) {
  await w.jobs.idle();
  return w.exports.status(jobId);
}

const exportsListing = (dataDir: string) =>
  existsSync(path.join(dataDir, 'exports')) ? readdirSync(path.join(dataDir, 'exports')).sort() : [];

describe('ExportsService', () => {
  it('exports the meeting deck as PPTX into exports/, as a job, with the key images and a download address', async () => {
    const w = world();
    const deck = w.m.deck.meetingDeck(w.meetingId);
    const { jobId } = w.exports.start(request({ kind: 'deck-pptx', meetingId: w.meetingId }));
    const status = await finished(w, jobId);
    expect(status).toMatchObject({
      state: 'done',
      kind: 'export',
      error: null,
      progress: { exportKind: 'deck-pptx', done: deck.slides.length, total: deck.slides.length },
    });
    const o = status.result!;
    expect(o).toMatchObject({
      name: 'sarcoma-mdt-2026-12-10-deck.pptx',
      slides: deck.slides.length,
      pages: null,
      deidentified: false,
      downloadUrl: '/media/exports/sarcoma-mdt-2026-12-10-deck.pptx',
    });
    expect(o.file).toBe(path.join(w.dataDir, 'exports', o.name));
    const z = unzipPptx(o.file);
    expect(slideParts(z)).toHaveLength(deck.slides.length);
    expect(z.names.filter((n) => /^ppt\/media\/.*\.png$/.test(n))).toHaveLength(2);
    expect(xmlText(z.allXml())).toContain('QUILL, Ada');
    expect(w.jobs.status(jobId)).toMatchObject({ kind: 'export', state: 'done' });

    // A second export of the same deck keeps the first.
    const again = await finished(w, w.exports.start(request({ kind: 'deck-pptx', meetingId: w.meetingId })).jobId);
    expect(again.result!.name).toBe('sarcoma-mdt-2026-12-10-deck-2.pptx');
    expect(
      w.exports
        .list()
        .map((f) => f.name)
        .sort(),
    ).toEqual(['sarcoma-mdt-2026-12-10-deck-2.pptx', 'sarcoma-mdt-2026-12-10-deck.pptx']);
  });

  it('a de-identified PPTX names no patient, in its slides, notes, images or file name', async () => {
    const w = world();
    const secrets = w.m.deck.meetingDeck(w.meetingId).sections.flatMap((s) => {
      const p = s.identifiers!;
      return [p.familyName, p.familyName.toUpperCase(), p.givenNames, p.mrn, p.dateOfBirth, p.referringHospital];
    });
    expect(secrets).toContain('Ravensworth');
    const o = (
      await finished(
        w,
        w.exports.start(request({ kind: 'deck-pptx', meetingId: w.meetingId, deidentified: true })).jobId,
      )
    ).result!;
    expect(o.name).toBe('sarcoma-mdt-2026-12-10-deck-deidentified.pptx');
    const bytes = readFileSync(o.file);
    const z = unzipPptx(o.file);
    const xml = z.allXml();
    for (const secret of secrets) {
      expect(xml.includes(secret), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret)), `${secret} in the file`).toBe(false);
    }
    expect(xmlText(xml)).toContain('Case 2');
  });

  it('cancelling an export under way leaves no file and no temporary file', async () => {
    const w = world();
    // A longer deck, so the cancel lands between slides.
    for (let i = 0; i < 12; i++) {
      const id = w.newCase({ patient: { familyName: `Extra${i}` } });
      w.m.agenda.add(w.meetingId, [id]);
      insertKeyImages(w.db, id, 2);
    }
    const { jobId } = w.exports.start(request({ kind: 'deck-pptx', meetingId: w.meetingId }));
    for (let i = 0; i < 10_000 && !/^Slide [1-9]/.test(w.exports.status(jobId).progress.phase); i++)
      await new Promise((r) => setImmediate(r));
    expect(w.exports.status(jobId).progress.phase).toMatch(/^Slide [1-9]\d* of \d+/);
    w.jobs.cancel(jobId);
    const status = await finished(w, jobId);
    expect(status).toMatchObject({ state: 'cancelled', error: 'Cancelled: no file was written', result: null });
    expect(exportsListing(w.dataDir)).toEqual([]);

    // Cancelled before it began: the same.
    const early = w.exports.start(request({ kind: 'deck-pptx', meetingId: w.meetingId, deidentified: true })).jobId;
    w.jobs.cancel(early);
    expect((await finished(w, early)).state).toBe('cancelled');
    expect(exportsListing(w.dataDir)).toEqual([]);
  });

  it('prints PDFs through the PDF printer: the deck 16:9, the outcome and the minutes, de-identified when asked', async () => {
    const printer = new FakePrinter();
    const w = world(printer);
    const deck = (await finished(w, w.exports.start(request({ kind: 'deck-pdf', meetingId: w.meetingId })).jobId))
      .result!;
    expect(deck).toMatchObject({
      name: 'sarcoma-mdt-2026-12-10-deck.pdf',
      pages: 2,
      slides: w.m.deck.meetingDeck(w.meetingId).slides.length,
    });
    expect(readFileSync(deck.file, 'latin1')).toMatch(/^%PDF-/);
    const second = w.items[1].id;
    const outcome = (
      await finished(
        w,
        w.exports.start(request({ kind: 'outcome-pdf', agendaItemId: second, deidentified: true })).jobId,
      )
    ).result!;
    expect(outcome).toMatchObject({ name: 'sarcoma-mdt-2026-12-10-case-2-outcome-deidentified.pdf', slides: null });
    const minutes = (await finished(w, w.exports.start(request({ kind: 'minutes-pdf', meetingId: w.meetingId })).jobId))
      .result!;
    expect(minutes.name).toBe('sarcoma-mdt-2026-12-10-minutes.pdf');
    expect(printer.calls.map((c) => [c.url, c.options.landscape16x9])).toEqual([
      [`http://print.test/#/print/meeting/${w.meetingId}`, true],
      [`http://print.test/#/print/outcome/${second}?deidentified=1`, false],
      [`http://print.test/#/print/minutes/${w.meetingId}`, false],
    ]);
  });

  it('a PDF that fails or is cancelled while printing leaves nothing; the failure says why', async () => {
    const failing = world(new FakePrinter('fail'));
    const failed = await finished(
      failing,
      failing.exports.start(request({ kind: 'deck-pdf', meetingId: failing.meetingId })).jobId,
    );
    expect(failed).toMatchObject({ state: 'failed', result: null });
    expect(failed.error).toContain('not ready');
    expect(exportsListing(failing.dataDir)).toEqual([]);

    const hanging = world(new FakePrinter('hang'));
    const { jobId } = hanging.exports.start(request({ kind: 'minutes-pdf', meetingId: hanging.meetingId }));
    for (let i = 0; i < 1000 && hanging.exports.status(jobId).progress.phase !== 'Rendering the print view'; i++)
      await new Promise((r) => setImmediate(r));
    expect(hanging.exports.status(jobId)).toMatchObject({
      state: 'running',
      progress: { exportKind: 'minutes-pdf', phase: 'Rendering the print view', done: 1, total: 4 },
    });
    hanging.jobs.cancel(jobId);
    expect((await finished(hanging, jobId)).state).toBe('cancelled');
    expect(exportsListing(hanging.dataDir)).toEqual([]);
  });

  it('writes to a path given, refusing relative paths, wrong extensions, missing folders, and replacing only when asked', async () => {
    const w = world();
    const target = path.join(w.dataDir, 'handout.pptx');
    const errorOf = ({ path: file, ...input }: ExportRequestInput & { path: string }) => {
      try {
        w.exports.start({ ...request(input), path: file });
      } catch (err) {
        return err as DomainError;
      }
      throw new Error('expected a refusal');
    };
    expect(errorOf({ kind: 'deck-pptx', meetingId: w.meetingId, path: 'handout.pptx' })).toMatchObject({
      code: 'invalid-input',
      field: 'path',
    });
    expect(
      errorOf({ kind: 'deck-pptx', meetingId: w.meetingId, path: path.join(w.dataDir, 'handout.pdf') }).message,
    ).toContain('.pptx');
    expect(
      errorOf({ kind: 'deck-pptx', meetingId: w.meetingId, path: path.join(w.dataDir, 'nope', 'x.pptx') }).message,
    ).toContain('does not exist');

    const first = await finished(
      w,
      w.exports.start({ ...request({ kind: 'deck-pptx', meetingId: w.meetingId }), path: target }).jobId,
    );
    expect(first.result).toMatchObject({ file: target, name: 'handout.pptx', downloadUrl: null });
    expect(errorOf({ kind: 'deck-pptx', meetingId: w.meetingId, path: target })).toMatchObject({ code: 'conflict' });
    const replaced = await finished(
      w,
      w.exports.start({
        ...request({ kind: 'deck-pptx', meetingId: w.meetingId, deidentified: true }),
        path: target,
        overwrite: true,
      }).jobId,
    );
    expect(replaced.state).toBe('done');
    expect(xmlText(unzipPptx(target).allXml())).not.toContain('Quill');
  });

  it('refuses at once: unknown meeting or agenda item, a PDF with no printer', () => {
    const w = world(null);
    expect(() => w.exports.start(request({ kind: 'deck-pptx', meetingId: 999 }))).toThrow('Meeting 999 does not exist');
    expect(() => w.exports.start(request({ kind: 'outcome-pdf', agendaItemId: 999 }))).toThrow(
      'Agenda item 999 does not exist',
    );
    expect(() => w.exports.start(request({ kind: 'deck-pdf', meetingId: w.meetingId }))).toThrow(
      /PDF export is not available here/,
    );
    expect(() => w.exports.status('nope')).toThrow('No export job nope');
  });

  it('the contract: a request names its meeting or agenda item by kind; the handlers answer what the contract says', async () => {
    expect(exportsContract['exports:start'].input.safeParse({ kind: 'outcome-pdf', meetingId: 1 }).success).toBe(false);
    expect(exportsContract['exports:start'].input.safeParse({ kind: 'deck-pdf', agendaItemId: 1 }).success).toBe(false);
    expect(exportsContract['exports:start'].input.safeParse({ kind: 'deck-svg', meetingId: 1 }).success).toBe(false);
    const w = world();
    const handlers = exportHandlers({ exports: w.exports });
    const started = exportsContract['exports:start'].output.parse(
      await handlers['exports:start'](request({ kind: 'deck-pptx', meetingId: w.meetingId })),
    );
    await w.jobs.idle();
    const status = exportsContract['exports:status'].output.parse(
      await handlers['exports:status']({ jobId: started.jobId }),
    );
    expect(status.result!.slides).toBeGreaterThan(5);
    expect(exportsContract['exports:list'].output.parse(await handlers['exports:list']({}))).toHaveLength(1);
  });

  it('the page cannot choose where an export is written, nor replace a file (issue 9: a .pptx into ~/.ssh)', async () => {
    const w = world();
    const ssh = path.join(w.dataDir, 'home', '.ssh');
    mkdirSync(ssh, { recursive: true });
    const key = path.join(ssh, 'id_ed25519.pptx');
    writeFileSync(key, 'private key');
    // Through the one boundary every transport uses (IPC and the web host alike).
    const handlers = exportHandlers({ exports: w.exports }) as unknown as HandlerTable;
    for (const input of [
      { kind: 'deck-pptx', meetingId: w.meetingId, path: key, overwrite: true },
      { kind: 'deck-pptx', meetingId: w.meetingId, path: path.join(ssh, 'new.pptx') },
    ]) {
      const answer = await dispatch(handlers, 'exports:start', input, CHAIR);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    await w.jobs.idle();
    expect(readFileSync(key, 'utf8')).toBe('private key');
    expect(readdirSync(ssh)).toEqual(['id_ed25519.pptx']);
  });

  it('serves only its own files under /media/exports/', async () => {
    const w = world();
    const o = (await finished(w, w.exports.start(request({ kind: 'deck-pptx', meetingId: w.meetingId })).jobId))
      .result!;
    const get = (p: string, method = 'GET') => answerExportMedia(w.exports, method, new URL(p, 'http://127.0.0.1:1'));
    expect(get(o.downloadUrl!)).toEqual({
      status: 200,
      file: o.file,
      contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    });
    expect(get(o.downloadUrl!, 'HEAD')).toMatchObject({ status: 200 });
    expect(get('/media/exports/..%2Fboardprep.db')).toMatchObject({ status: 404 });
    expect(get('/media/exports/missing.pdf')).toMatchObject({ status: 404 });
    expect(get('/media/exports/deck%E0%A4%A.pdf')).toMatchObject({ status: 400 });
    expect(get(o.downloadUrl!, 'DELETE')).toMatchObject({ status: 404 });
    expect(get('/media/key-images/1.png')).toBeNull();
  });
});
