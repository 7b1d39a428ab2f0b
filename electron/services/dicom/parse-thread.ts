import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseOutcome } from './parse';
import type { ParseReply, ParseRequest } from './parse-worker';
import type { BufferSlot } from './read-file';

/**
 * Headers are parsed in a worker thread with its own memory limit, so a file built to exhaust memory or time can
 * at worst take down that thread: the file is rejected with the reason and the next file gets a fresh thread. The
 * import (and the app's main process with it) stays responsive while a file is parsed, and Cancel and Ctrl-C are
 * seen. One thread serves file after file (starting one costs far more than parsing a header); each file's buffer
 * is transferred to it and back, never copied.
 */

/** The thread's JavaScript heap: real headers need a few MB; shape.ts refuses what would need more. */
export const PARSER_HEAP_MB = 256;
/** A header that takes longer than this to parse is refused (real ones take milliseconds). */
export const PARSE_TIMEOUT_MS = 20_000;

export interface Parsed {
  outcome: ParseOutcome;
  /** The file's bytes again (they travelled to the thread and back), now in `slot`; undefined if the thread died. */
  bytes: Buffer | undefined;
}

/** Where the thread's code is: the built bundle's own entry, or the TypeScript source started through tsx. */
function workerEntry(): { file: URL; workerData?: { entry: string } } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    return {
      file: new URL('./parse-worker.dev.mjs', import.meta.url),
      workerData: { entry: pathToFileURL(path.join(path.dirname(here), 'parse-worker.ts')).href },
    };
  }
  // Bundled: out/main/parse-worker.js, beside the entry or one folder up from a shared chunk.
  const dir = path.dirname(here);
  const built = [path.join(dir, 'parse-worker.js'), path.join(dir, '..', 'parse-worker.js')].find((f) => existsSync(f));
  if (!built) throw new Error(`the DICOM parser thread is missing from the build (no parse-worker.js near ${dir})`);
  return { file: pathToFileURL(built) };
}

interface Pending {
  id: number;
  resolve: (parsed: Parsed) => void;
  slot: BufferSlot;
  byteOffset: number;
  byteLength: number;
  timer: NodeJS.Timeout;
}

export class ParserThread {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;

  /** Parses `bytes` (a view of `slot`'s buffer, which is lent to the thread and given back to the slot). */
  parse(bytes: Buffer, slot: BufferSlot): Promise<Parsed> {
    if (this.pending) return Promise.reject(new Error('ParserThread parses one file at a time'));
    const worker = this.start();
    return new Promise<Parsed>((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(
        () => this.fail(`refused: reading its header took more than ${PARSE_TIMEOUT_MS / 1000} s`),
        PARSE_TIMEOUT_MS,
      );
      this.pending = { id, resolve, slot, byteOffset: bytes.byteOffset, byteLength: bytes.byteLength, timer };
      worker.ref();
      const buffer = bytes.buffer as ArrayBuffer;
      worker.postMessage(
        { id, buffer, byteOffset: bytes.byteOffset, byteLength: bytes.byteLength } satisfies ParseRequest,
        [buffer],
      );
    });
  }

  /** Starts the thread now, so that it loads while the import scans its folders. */
  warm(): void {
    this.start();
  }

  /** Stops the thread (a parse under way is answered as refused). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.fail('not parsed: the import stopped');
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const { file, workerData } = workerEntry();
    const worker = new Worker(file, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    worker.on('message', (reply: ParseReply) => this.answer(reply));
    worker.on('error', (e: Error & { code?: string }) => {
      if (this.worker !== worker) return; // a thread already replaced
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.retire(worker);
      this.fail(
        memory
          ? `refused: reading its header needed more than the parser's ${PARSER_HEAP_MB} MB of memory`
          : `damaged: the parser stopped on this file (${e.message})`,
      );
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.retire(worker);
      this.fail(`damaged: the parser stopped on this file (exit code ${code})`);
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private retire(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    void worker.terminate();
  }

  private answer(reply: ParseReply): void {
    const pending = this.pending;
    if (!pending || pending.id !== reply.id) return;
    this.settle();
    const bytes = pending.slot.adopt(reply.buffer, pending.byteOffset, pending.byteLength);
    const { outcome } = reply;
    if (outcome.kind !== 'instance') {
      pending.resolve({ outcome, bytes });
      return;
    }
    const { stored, ...rest } = outcome;
    pending.resolve({ outcome: { ...rest, bytes: stored === 'same' ? bytes : stored }, bytes });
  }

  /** Answers the file being parsed, if any, with a rejection; the thread (if it still runs) is replaced. */
  private fail(reason: string): void {
    const pending = this.pending;
    if (!pending) return;
    this.settle();
    if (this.worker) this.retire(this.worker);
    pending.resolve({ outcome: { kind: 'rejected', reason }, bytes: undefined });
  }

  private settle(): void {
    if (!this.pending) return;
    clearTimeout(this.pending.timer);
    this.pending = undefined;
    this.worker?.unref();
  }
}

/** Idle parser threads, kept for the next import (unref'd: they never keep the process alive). */
const idle: ParserThread[] = [];

/** A parser thread for one import; give it back with `releaseParser` (imports running at once get one each). */
export function acquireParser(): ParserThread {
  return idle.pop() ?? new ParserThread();
}

export function releaseParser(parser: ParserThread): void {
  idle.push(parser);
}
