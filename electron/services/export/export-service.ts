import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE } from '../../db/file-modes';
import type { Db } from '../../db/open';
import {
  EXPORT_EXTENSION,
  type ExportFile,
  type ExportKind,
  type ExportOutcome,
  type ExportJobStatus,
  type ExportRequest,
} from '../../../shared/contract/exports';
import type { MeetingDeck } from '../../../shared/deck/model';
import { DomainError } from '../errors';
import * as imagingSql from '../imaging/imaging-sql';
import { storeJpeg } from '../imaging/jpeg-cache';
import type { JobRegistry } from '../jobs/job-registry';
import type { MeetingsServices } from '../meetings';
import * as meetingsSql from '../meetings/meetings-sql';
import { assertItem, assertMeeting } from '../meetings/views';
import { FROZEN_PREFIX } from '../meetings/freeze-service';
import { sweepPartialFiles, throwIfAborted, writeFileAtomic } from './atomic';
import { recordExport } from './export-audit';
import { countPdfPages, printRoute, type PdfSource, type PrintPhase } from './pdf';
import { isPng } from './png';
import { buildDeckPptx } from './pptx';
import type { LettersService } from '../follow-up/letters-service';
import { RECIPIENT_KIND_LABEL } from '../../../shared/domain/follow-up';
import { PRINT_JPEG_QUALITY } from '../../../shared/imaging/key-image-jpeg';

/**
 * Exports (issue 5): the meeting deck as PDF and PPTX, a case's outcome summary and the meeting minutes as PDF,
 * each optionally de-identified. PPTX is built here from the deck model; PDFs are prints of the renderer's print
 * views by a PdfSource (Electron's printToPDF in the desktop app, headless Chromium in the web host and the CLI).
 * Every export runs as a job (progress, cancel) and writes its file atomically (atomic.ts).
 */

export const EXPORTS_DIR = 'exports';
export const JOB_KIND = 'export' as const;
const DOWNLOAD_PREFIX = '/media/exports/';
/** Names the web host serves from exports/: what defaultName() makes, plus -2, -3 ... */
const SERVABLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.(pdf|pptx)$/;

export const CONTENT_TYPE: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** How far an export is (the job's progress, without the kind it already knows). */
export type ExportProgress = Omit<ExportJobProgress, 'exportKind'>;
type ExportJobProgress = ExportJobStatus['progress'];

export interface ExportControl {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}

export interface ExportsDeps {
  db: Db;
  dataDir: string;
  meetings: MeetingsServices;
  /** Where export jobs run (start/status); not needed to call run() directly (the CLI). */
  jobs?: JobRegistry;
  /** How PDFs are printed here; without one, PDF exports are refused with a reason (see usePdf). */
  pdf?: PdfSource | null;
  /** The letter register: an outcome letter is refused unless signed off, and recorded once written (issue 14). */
  letters?: LettersService;
  log?: (message: string, error: unknown) => void;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'meeting';

/**
 * The file name an export gets in exports/: the meeting, its date, what it is, and the case number for an outcome
 * summary. Never a patient's name or MRN (file names travel in e-mails and folder listings).
 */
export function defaultName(
  kind: ExportKind,
  meeting: { title: string; startsAt: string },
  options: { caseNumber?: number; deidentified: boolean },
): string {
  const what = {
    'deck-pdf': 'deck',
    'deck-pptx': 'deck',
    'minutes-pdf': 'minutes',
    'outcome-pdf': `case-${options.caseNumber ?? 0}-outcome`,
    'agenda-pdf': 'agenda',
    'pack-pdf': 'pre-meeting-pack',
  }[kind];
  return `${slug(meeting.title)}-${meeting.startsAt.slice(0, 10)}-${what}${options.deidentified ? '-deidentified' : ''}${EXPORT_EXTENSION[kind]}`;
}

/** 'x.pdf', then 'x-2.pdf', 'x-3.pdf' ... */
const numbered = (name: string, n: number) => (n <= 1 ? name : name.replace(/(\.[a-z]+)$/, `-${n}$1`));

/**
 * An export as the service takes it: a request from the contract, plus where to write for callers that may choose
 * (the CLI, scripts, the desktop save dialog): an absolute path whose folder exists; `overwrite` replaces a file
 * already there (otherwise 'conflict'). Without `path`, a new unique name in the data folder's exports/.
 */
export type ExportJob = ExportRequest & {
  path?: string;
  overwrite?: boolean;
  /** Who produces an outcome letter, for the letter register (the signed-in user; the CLI names its own). */
  producedBy?: { userId: number | null; name: string };
};

interface Target {
  /** Absolute file, or null: a new unique name in exports/ chosen when writing. */
  file: string | null;
  defaultName: string;
  overwrite: boolean;
}

interface Resolved {
  req: ExportJob;
  meeting: meetingsSql.MeetingRow;
  itemId: number | null;
  target: Target;
}

export class ExportsService {
  private pdf: PdfSource | null;

  constructor(private readonly deps: ExportsDeps) {
    this.pdf = deps.pdf ?? null;
  }

  /** Whom an outcome letter names ("Dr Amy Lee (GP)"), as the register records them: the one told, else the default. */
  private letterFor(req: ExportRequest, itemId: number): string | undefined {
    // A de-identified copy names nobody (a letter for the patient would name them), not even in its print address.
    if (req.kind !== 'outcome-pdf' || req.deidentified || !this.deps.letters) return undefined;
    const named = req.recipient?.trim();
    // The referrer on record is named as the record has them (the consultant's line already says what they are).
    if (!named) return this.deps.letters.defaultRecipient(itemId);
    return `${named} (${RECIPIENT_KIND_LABEL[req.recipientKind]})`;
  }

  get exportsDir(): string {
    return path.join(this.deps.dataDir, EXPORTS_DIR);
  }

  /** Sets how PDFs are printed (the web host once it listens; Electron's printer in the desktop app). */
  usePdf(source: PdfSource | null): void {
    this.pdf = source;
  }

  /** Checks the request (meeting, agenda item, target, PDF printer) and starts the export job. */
  start(req: ExportJob): { jobId: string } {
    const jobs = this.deps.jobs;
    if (!jobs) throw new Error('ExportsService was made without a job registry');
    const resolved = this.resolve(req);
    const jobId = jobs.start(JOB_KIND, {
      progress: { exportKind: req.kind, phase: 'Waiting to start', done: 0, total: null },
      run: (control) => this.runResolved(resolved, { signal: control.signal, onProgress: control.report }),
      cancelled: 'Cancelled: no file was written',
      log: this.deps.log,
    });
    return { jobId };
  }

  /** An export job's progress and, once done, its file (not-found for a job of another kind). */
  status(jobId: string): ExportJobStatus {
    if (!this.deps.jobs) throw new DomainError('not-found', `No export job ${jobId}`);
    return this.deps.jobs.status(jobId, JOB_KIND);
  }

  /** Runs an export to the end (the CLI; jobs call this too). Throws an AbortError when cancelled. */
  async run(req: ExportJob, control: ExportControl = {}): Promise<ExportOutcome> {
    return this.runResolved(this.resolve(req), control);
  }

  /** The meeting deck an export of it shows (de-identified when asked). */
  deck(meetingId: number, deidentified: boolean): MeetingDeck {
    return this.deps.meetings.deck.meetingDeck(meetingId, { deidentified });
  }

  /** The files in exports/, newest first. */
  list(): ExportFile[] {
    const dir = this.exportsDir;
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => SERVABLE.test(name))
      .flatMap((name) => {
        try {
          const st = statSync(path.join(dir, name));
          return st.isFile()
            ? [
                {
                  name,
                  bytes: st.size,
                  modifiedAt: st.mtime.toISOString(),
                  downloadUrl: downloadUrl(name),
                  mtime: st.mtimeMs,
                },
              ]
            : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name))
      .map(({ mtime: _mtime, ...file }) => file);
  }

  /** The file the web host may serve for /media/exports/<name> (null when there is none by that name). */
  downloadFile(name: string): { file: string; contentType: string } | null {
    if (!SERVABLE.test(name)) return null;
    const file = path.join(this.exportsDir, name);
    if (!existsSync(file) || !statSync(file).isFile()) return null;
    return { file, contentType: CONTENT_TYPE[path.extname(name).toLowerCase()] ?? 'application/octet-stream' };
  }

  /** Removes what a crash left in exports/ (temporary files of an export under way); returns how many. */
  sweep(): number {
    return sweepPartialFiles(this.exportsDir);
  }

  // ------------------------------------------------------------------------------------------------ internals

  private resolve(req: ExportJob): Resolved {
    const { db } = this.deps;
    let meeting: meetingsSql.MeetingRow;
    let itemId: number | null = null;
    let caseNumber: number | undefined;
    if (req.kind === 'outcome-pdf') {
      const item = assertItem(db, req.agendaItemId);
      meeting = assertMeeting(db, item.meeting_id);
      itemId = item.id;
      // An outcome letter is for a decided case only: refused at once, before any job starts.
      this.deps.letters?.assertSignedOff(item.id);
      caseNumber = meetingsSql.itemsOfMeeting(db, meeting.id).findIndex((i) => i.id === item.id) + 1;
    } else {
      meeting = assertMeeting(db, req.meetingId);
    }
    if (req.kind !== 'deck-pptx') this.pdfSource();
    const name = defaultName(
      req.kind,
      { title: meeting.title, startsAt: meeting.starts_at },
      { caseNumber, deidentified: req.deidentified },
    );
    return { req, meeting, itemId, target: this.resolveTarget(req, name) };
  }

  private pdfSource(): PdfSource {
    if (!this.pdf) {
      throw new DomainError(
        'refused',
        'PDF export is not available here: no PDF printer is set up (the desktop app and the web host have one; the CLI starts its own).',
      );
    }
    this.pdf.printer.check?.();
    return this.pdf;
  }

  private resolveTarget(req: ExportJob, name: string): Target {
    if (req.path === undefined) return { file: null, defaultName: name, overwrite: false };
    const file = req.path;
    if (!path.isAbsolute(file))
      throw new DomainError('invalid-input', `Give the full path of the file to write, not "${file}"`, 'path');
    const ext = EXPORT_EXTENSION[req.kind];
    if (path.extname(file).toLowerCase() !== ext)
      throw new DomainError(
        'invalid-input',
        `A ${ext.slice(1).toUpperCase()} export needs a file name ending in ${ext}`,
        'path',
      );
    const dir = path.dirname(file);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new DomainError('invalid-input', `The folder ${dir} does not exist`, 'path');
    if (existsSync(file)) {
      if (statSync(file).isDirectory()) throw new DomainError('invalid-input', `${file} is a folder`, 'path');
      if (!req.overwrite)
        throw new DomainError(
          'conflict',
          `${path.basename(file)} already exists in ${dir}: choose another name, or allow replacing it`,
          'path',
        );
    }
    return { file, defaultName: name, overwrite: req.overwrite ?? false };
  }

  private async runResolved(
    { req, meeting, itemId, target }: Resolved,
    control: ExportControl,
  ): Promise<ExportOutcome> {
    const started = performance.now();
    const { signal } = control;
    const report = (phase: string, done: number, total: number | null) => control.onProgress?.({ phase, done, total });
    throwIfAborted(signal);
    let bytes: Buffer;
    let slides: number | null = null;
    if (req.kind === 'deck-pptx') {
      report('Building the deck', 0, null);
      const deck = this.deck(meeting.id, req.deidentified);
      slides = deck.slides.length;
      report(`Slide 0 of ${slides}`, 0, slides);
      bytes = await buildDeckPptx(deck, {
        readImage: (src) => this.readKeyImage(src),
        signal,
        onProgress: (p) =>
          report(p.done === p.total ? 'Packing the PowerPoint file' : `Slide ${p.done} of ${p.total}`, p.done, p.total),
      });
    } else {
      const source = this.pdfSource();
      const route = {
        'deck-pdf': () => printRoute.deck(meeting.id, req.deidentified),
        'minutes-pdf': () => printRoute.minutes(meeting.id, req.deidentified),
        'outcome-pdf': () => printRoute.outcome(itemId!, req.deidentified, this.letterFor(req, itemId!)),
        'agenda-pdf': () => printRoute.agenda(meeting.id, req.deidentified),
        'pack-pdf': () => printRoute.pack(meeting.id, req.deidentified),
      }[req.kind]();
      if (req.kind === 'deck-pdf') slides = this.deck(meeting.id, req.deidentified).slides.length;
      const steps: Record<PrintPhase, [string, number]> = {
        starting: ['Starting the PDF printer', 0],
        loading: ['Rendering the print view', 1],
        printing: ['Printing the PDF', 2],
      };
      bytes = await source.printer.print(source.urlFor(route), {
        landscape16x9: req.kind === 'deck-pdf',
        jpegQuality: PRINT_JPEG_QUALITY,
        onJpeg: (mediaPath, jpeg) => this.keepJpeg(mediaPath, jpeg),
        signal,
        onPhase: (phase) => report(steps[phase][0], steps[phase][1], 4),
      });
      report('Writing the file', 3, 4);
    }
    throwIfAborted(signal);
    const file = this.write(target, bytes, signal);
    recordExport(this.deps.db, {
      kind: req.kind,
      meeting,
      itemId,
      deidentified: req.deidentified,
      name: path.basename(file),
      bytes: bytes.length,
    });
    if (req.kind === 'outcome-pdf' && this.deps.letters) {
      this.deps.letters.record(
        itemId!,
        {
          recipient: req.recipient?.trim() || this.deps.letters.defaultRecipient(itemId!),
          recipientKind: req.recipientKind,
          by: req.producedBy ?? { userId: null, name: 'BoardPrep' },
          deidentified: req.deidentified,
        },
        { name: path.basename(file), bytes },
      );
    }
    const pages = req.kind === 'deck-pptx' ? null : countPdfPages(bytes);
    const inExports = path.dirname(file) === this.exportsDir;
    return {
      kind: req.kind,
      deidentified: req.deidentified,
      file,
      name: path.basename(file),
      bytes: bytes.length,
      pages,
      slides,
      downloadUrl: inExports && SERVABLE.test(path.basename(file)) ? downloadUrl(path.basename(file)) : null,
      seconds: Math.round(performance.now() - started) / 1000,
    };
  }

  /** Writes atomically; a default target gets the first free name in exports/. */
  private write(target: Target, bytes: Buffer, signal?: AbortSignal): string {
    if (target.file) {
      writeFileAtomic(target.file, bytes, { signal, overwrite: target.overwrite });
      return target.file;
    }
    mkdirSync(this.exportsDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    for (let n = 1; n < 1000; n++) {
      const file = path.join(this.exportsDir, numbered(target.defaultName, n));
      if (existsSync(file)) continue;
      try {
        writeFileAtomic(file, bytes, { signal, overwrite: false });
        return file;
      } catch (err) {
        // Another export took the name meanwhile: try the next one.
        if (err instanceof DomainError && err.code === 'conflict') continue;
        throw err;
      }
    }
    throw new DomainError('refused', `Too many exports named ${target.defaultName} in ${this.exportsDir}`);
  }

  /** Keeps the JPEG a PDF print made of a key image, for the next print (jpeg-cache.ts); never fails an export. */
  private keepJpeg(mediaPath: string, jpeg: Buffer): void {
    const file = this.keyImageFile(mediaPath);
    if (!file) return;
    try {
      storeJpeg(this.deps.dataDir, file, PRINT_JPEG_QUALITY, jpeg);
    } catch {
      // Only a missed saving: the next print encodes it again.
    }
  }

  /** The render file of '/media/key-images/<id>.png', inside the data folder. */
  private keyImageFile(src: string): string | null {
    const m = /^\/media\/key-images\/(\d+)\.png$/.exec(src);
    if (!m) return null;
    const row = imagingSql.getKeyImage(this.deps.db, Number(m[1]));
    if (!row) return null;
    const root = path.resolve(this.deps.dataDir);
    const file = path.resolve(root, row.render_path);
    return file.startsWith(root + path.sep) ? file : null;
  }

  /** The burned-in PNG of a deck image, from the data folder: never the DICOM. */
  readKeyImage(src: string): Buffer | null {
    // A finished meeting's frozen slides: the PNG stored with the decision at sign-off.
    if (src.startsWith(FROZEN_PREFIX)) return this.deps.meetings.freeze.imageOfSrc(src);
    const file = this.keyImageFile(src);
    if (!file) return null;
    try {
      const bytes = readFileSync(file);
      return isPng(bytes) ? bytes : null;
    } catch {
      return null;
    }
  }
}

const downloadUrl = (name: string) => `${DOWNLOAD_PREFIX}${encodeURIComponent(name)}`;
