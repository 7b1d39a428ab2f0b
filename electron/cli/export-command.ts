import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { currentActor } from '../db/actor';
import { openDatabase } from '../db/open';
import { handlersFor } from '../host/handlers';
import { answerMedia } from '../host/media';
import { createServices } from '../host/services';
import { startWebHost, type WebHost } from '../host/web';
import { DomainError } from '../services/errors';
import {
  ChromiumNotFoundError,
  ChromiumPdfPrinter,
  ExportsService,
  findChromium,
  isAbortError,
  webHostPdfSource,
  type ExportJob,
} from '../services/export';
import { createMeetingsServices } from '../services/meetings';
import { LettersService } from '../services/follow-up/letters-service';
import type { ExportKind, ExportOutcome } from '../../shared/contract/exports';
import { parseOptions, UsageError, type Command } from './command';

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

function summary(o: ExportOutcome): string {
  const what = o.kind === 'deck-pptx' ? `${o.slides} slides` : `${o.pages} page${o.pages === 1 ? '' : 's'}`;
  return `Wrote ${o.file} (${what}, ${mb(o.bytes)}${o.deidentified ? ', de-identified' : ''}) in ${o.seconds.toFixed(1)} s.`;
}

/** One file to write: the deck, the minutes, or one case's outcome summary. */
interface Job {
  kind: ExportKind;
  file: string;
  label: string;
  agendaItemId?: number;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a meeting deck (PDF, PowerPoint), its minutes and outcome summaries (optionally de-identified)',
  help: `Usage: boardprep export --meeting ID|next [--pdf FILE] [--pptx FILE] [--minutes FILE] [--outcomes DIR]
                        [--agenda FILE] [--pack FILE]
                        [--deidentify] [--json] [--data DIR]

Exports a board meeting's deck: the agenda slide, then every case's slides in agenda order (hidden slides left
out), as the presenter edited them; and, after the meeting, its minutes and each case's outcome summary for the
referrer and GP. Every file is written whole or not at all: an export that fails or is interrupted leaves no file
behind (an existing file is replaced only once the new one is complete).

Options:
  --meeting ID   the meeting's number, or "next" for the next upcoming meeting (one in progress counts)
  --pdf FILE     write the deck as PDF (the app's print view, printed by headless Chromium; one page per slide)
  --pptx FILE    write the deck as PowerPoint (editable text boxes and tables, the key images as PNGs, speaker notes)
  --minutes FILE the meeting's minutes as PDF (A4): attendance, and per case the outcome, recommendation and actions
  --outcomes DIR one outcome summary PDF per case on the agenda, written to DIR as case-<number>-outcome.pdf
  --agenda FILE  the agenda to circulate before the meeting, as PDF (A4): each case's time, presenter, question
                 and readiness
  --pack FILE    the pre-meeting pack as PDF (A4): the agenda, then one page per case (diagnosis, question,
                 pathology, staging, readiness)
                 (give any of --pdf, --pptx, --minutes, --outcomes, --agenda and --pack together to write them all)
  --deidentify   leave out every patient identifier: no name, MRN or date of birth (the age stays), no referring
                 hospital or specimen number, in slides, notes and file; the key images are the PNGs with the
                 measurements burned in, never the DICOM with its headers
  --json         print the result as JSON lines (one per file) instead of the summary
  --data DIR     use this data folder (default: BOARDPREP_DATA, else the platform's user-data folder)

PDF export needs Chromium: the binary named by the BOARDPREP_CHROMIUM environment variable, else Playwright's own
(npx playwright install chromium), else the system's (/usr/bin/chromium; Debian: apt-get install -y chromium), and
the built app (npm run build).

Progress is shown on stderr. Exit status: 0 when every file was written, 1 when an export failed (nothing
written for it), 2 for a bad command line, an unknown meeting or no upcoming meeting, 130 when interrupted.

Examples:
  boardprep export --meeting next --pdf ~/board/deck.pdf
  boardprep export --meeting 4 --pptx teaching.pptx --deidentify
  boardprep export --meeting 3 --minutes minutes.pdf --outcomes letters/`,

  async run(args, env, io) {
    const { values } = parseOptions(args, {
      meeting: { type: 'string' },
      pdf: { type: 'string' },
      pptx: { type: 'string' },
      minutes: { type: 'string' },
      agenda: { type: 'string' },
      pack: { type: 'string' },
      outcomes: { type: 'string' },
      deidentify: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values.meeting === undefined) throw new UsageError('Say which meeting: --meeting ID or --meeting next');
    if (values.meeting !== 'next' && !/^[1-9]\d*$/.test(values.meeting))
      throw new UsageError(`--meeting must be a meeting number or "next", not "${values.meeting}"`);
    if (
      values.pdf === undefined &&
      values.pptx === undefined &&
      values.minutes === undefined &&
      values.agenda === undefined &&
      values.pack === undefined &&
      values.outcomes === undefined
    ) {
      throw new UsageError(
        'Say what to write: --pdf FILE, --pptx FILE, --minutes FILE, --outcomes DIR, --agenda FILE or --pack FILE',
      );
    }
    if (values.pdf !== undefined && path.extname(values.pdf).toLowerCase() !== '.pdf')
      throw new UsageError(`--pdf needs a file name ending in .pdf, not "${values.pdf}"`);
    if (values.pptx !== undefined && path.extname(values.pptx).toLowerCase() !== '.pptx')
      throw new UsageError(`--pptx needs a file name ending in .pptx, not "${values.pptx}"`);
    if (values.minutes !== undefined && path.extname(values.minutes).toLowerCase() !== '.pdf')
      throw new UsageError(`--minutes needs a file name ending in .pdf, not "${values.minutes}"`);
    for (const option of ['agenda', 'pack'] as const) {
      const file = values[option];
      if (file !== undefined && path.extname(file).toLowerCase() !== '.pdf')
        throw new UsageError(`--${option} needs a file name ending in .pdf, not "${file}"`);
    }
    const deidentified = values.deidentify ?? false;
    const suffix = deidentified ? '-deidentified' : '';
    const jobs: Job[] = [
      ...(values.pptx !== undefined
        ? [{ kind: 'deck-pptx' as const, file: path.resolve(values.pptx), label: 'PPTX' }]
        : []),
      ...(values.pdf !== undefined
        ? [{ kind: 'deck-pdf' as const, file: path.resolve(values.pdf), label: 'PDF' }]
        : []),
      ...(values.minutes !== undefined
        ? [{ kind: 'minutes-pdf' as const, file: path.resolve(values.minutes), label: 'Minutes' }]
        : []),
      ...(values.agenda !== undefined
        ? [{ kind: 'agenda-pdf' as const, file: path.resolve(values.agenda), label: 'Agenda' }]
        : []),
      ...(values.pack !== undefined
        ? [{ kind: 'pack-pdf' as const, file: path.resolve(values.pack), label: 'Pre-meeting pack' }]
        : []),
    ];
    for (const j of jobs) {
      if (!existsSync(path.dirname(j.file))) {
        io.err(`boardprep export: the folder ${path.dirname(j.file)} does not exist`);
        return 2;
      }
    }
    const outcomesDir = values.outcomes === undefined ? undefined : path.resolve(values.outcomes);
    if (outcomesDir !== undefined && !(existsSync(outcomesDir) && statSync(outcomesDir).isDirectory())) {
      io.err(`boardprep export: --outcomes needs an existing folder; ${outcomesDir} is not one`);
      return 2;
    }
    const needsPdf = jobs.some((j) => j.kind !== 'deck-pptx') || outcomesDir !== undefined;
    if (needsPdf) {
      try {
        findChromium();
      } catch (err) {
        if (err instanceof ChromiumNotFoundError) {
          io.err(`boardprep export: ${err.message}`);
          return 1;
        }
        throw err;
      }
      if (!existsSync(path.join(env.rendererDir, 'index.html'))) {
        io.err(
          `boardprep export: the app is not built (${env.rendererDir} has no index.html), and the PDF is printed from it. Run: npm run build`,
        );
        return 1;
      }
    }

    const db = openDatabase(env.dataDir);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    let host: WebHost | null = null;
    const printer = new ChromiumPdfPrinter({ dataDir: env.dataDir, idleMs: 0 });
    try {
      const meetings = createMeetingsServices(db);
      let meetingId: number;
      if (values.meeting === 'next') {
        const next = meetings.meetings.next();
        if (!next) {
          io.err(`boardprep export: there is no upcoming meeting in ${env.dataDir}: give its number with --meeting ID`);
          return 2;
        }
        meetingId = next.id;
      } else {
        meetingId = Number(values.meeting);
      }
      if (outcomesDir !== undefined) {
        // One letter per decided case on the agenda, in agenda order: a case not signed off gets none (issue 14).
        for (const item of meetings.meetings.get(meetingId).items) {
          if (item.decision.status !== 'signed') {
            io.err(`Case ${item.number}: no outcome letter, its decision is not signed off`);
            continue;
          }
          jobs.push({
            kind: 'outcome-pdf',
            file: path.join(outcomesDir, `case-${item.number}-outcome${suffix}.pdf`),
            label: `Outcome of case ${item.number}`,
            agendaItemId: item.id,
          });
        }
      }
      const exports = new ExportsService({ db, dataDir: env.dataDir, meetings, letters: new LettersService(db) });
      if (needsPdf) {
        // A private web host on the same data folder serves the print view to Chromium, for this run only.
        const services = createServices({
          db,
          dataDir: env.dataDir,
          resourcesDir: env.resourcesDir,
          version: env.version,
          log: env.log,
        });
        host = await startWebHost({
          handlers: handlersFor(services),
          gate: services.auth,
          media: (method, url, body) => answerMedia(services, method, url, body),
          rendererDir: env.rendererDir,
          port: 0,
          log: (message, error) => {
            env.log.error(message, error);
            io.err(`${message}: ${error instanceof Error ? error.message : String(error)}`);
          },
        });
        const auth = services.auth;
        exports.usePdf(webHostPdfSource(host, printer, () => auth.printSession(currentActor())));
      }
      let failed = false;
      for (const j of jobs) {
        const common = { deidentified, path: j.file, overwrite: true };
        const request: ExportJob =
          j.kind === 'outcome-pdf'
            ? {
                kind: j.kind,
                agendaItemId: j.agendaItemId!,
                recipientKind: 'referrer',
                producedBy: { userId: currentActor().userId, name: currentActor().displayName },
                ...common,
              }
            : { kind: j.kind, meetingId, ...common };
        const { label } = j;
        try {
          const outcome = await exports.run(request, {
            signal: controller.signal,
            onProgress: (p) =>
              io.progress(
                `${label} ${path.basename(j.file)}: ${p.phase}${p.total && !/^Slide /.test(p.phase) ? ` (${p.done}/${p.total})` : ''}`,
              ),
          });
          io.progress('');
          env.log.info('export written', {
            kind: outcome.kind,
            meetingId,
            bytes: outcome.bytes,
            seconds: outcome.seconds,
            deidentified: outcome.deidentified,
          });
          io.out(values.json ? JSON.stringify({ dataDir: env.dataDir, meetingId, ...outcome }) : summary(outcome));
        } catch (err) {
          io.progress('');
          if (isAbortError(err) || controller.signal.aborted) {
            io.err(`boardprep export: cancelled: ${path.basename(j.file)} was not written.`);
            return 130;
          }
          if (err instanceof DomainError && err.code === 'not-found') {
            io.err(`boardprep export: ${err.message}`);
            return 2;
          }
          failed = true;
          env.log.error(`${j.kind} export failed`, err, { meetingId });
          io.err(
            `boardprep export: ${label} export failed, ${path.basename(j.file)} was not written: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      return failed ? 1 : 0;
    } finally {
      process.removeListener('SIGINT', onSigint);
      await printer.close();
      await host?.close();
      db.close();
    }
  },
};
