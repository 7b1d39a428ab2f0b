import { randomBytes } from 'node:crypto';
import { isJobActive, type Job } from '../../../shared/contract/job';
import type { JobStatus } from '../../../shared/contract/jobs';
import { DomainError } from '../errors';

/**
 * Long work runs as a job (shared/contract/job.ts): started by one call, polled for progress, cancelled by another.
 * Polling works the same over IPC and HTTP, and the window never waits on the work itself. The registry knows
 * nothing of what a kind does: it keeps each job's progress and result typed by kind, so an export's file and an
 * import's report are the job's own result, not kept beside it.
 */
export type AnyJob = Job<unknown, unknown>;
type Of<J extends AnyJob, K extends J['kind']> = Extract<J, { kind: K }>;

export interface JobControl<Progress> {
  /** Aborted by cancel (or shutdown): the work stops and keeps nothing. */
  signal: AbortSignal;
  /** Merges into the job's progress; the latest is what status answers. */
  report(progress: Partial<Progress>): void;
}

export interface JobSpec<Progress, Result> {
  /** Progress before any work is done (what status answers while the job is queued). */
  progress: Progress;
  run(control: JobControl<Progress>): Promise<Result>;
  /** What a cancelled job says it left behind, e.g. "Cancelled: no file was written". */
  cancelled?: string;
  /** Where a failure is logged (a cancel is not a failure). */
  log?: (message: string, error: unknown) => void;
}

interface Entry<J extends AnyJob> {
  job: J;
  controller: AbortController;
  /** Settles when the job has ended, however it ended. */
  ended: Promise<void>;
  finishedAt?: number;
}

const KEEP_FINISHED_MS = 30 * 60 * 1000;

/** A failure in words for the user: an Error's message, never a stack or "[object Object]". */
export function failureMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

export class JobRegistry<J extends AnyJob = JobStatus> {
  private readonly jobs = new Map<string, Entry<J>>();

  /** Queues a job and answers its id at once; the work starts on the next turn of the event loop. */
  start<K extends J['kind']>(kind: K, spec: JobSpec<Of<J, K>['progress'], NonNullable<Of<J, K>['result']>>): string {
    this.prune();
    const id = randomBytes(9).toString('base64url');
    const controller = new AbortController();
    const initial: AnyJob = { id, kind, state: 'queued', progress: spec.progress, result: null, error: null };
    let job = initial as J;
    const set = (patch: Partial<AnyJob>) => {
      job = { ...job, ...patch } as J;
      entry.job = job;
    };
    const cancelled = spec.cancelled ?? `Cancelled: nothing of this ${kind} was kept`;
    const end = (patch: Partial<AnyJob>) => {
      set(patch);
      entry.finishedAt = Date.now();
    };
    const control: JobControl<Of<J, K>['progress']> = {
      signal: controller.signal,
      report: (progress) => {
        if (isJobActive(job.state)) set({ progress: { ...(job.progress as object), ...progress } });
      },
    };
    // On the next turn, so the caller has the id before any work (and any synchronous failure) happens.
    const ended = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      if (controller.signal.aborted) return end({ state: 'cancelled', error: cancelled });
      set({ state: 'running' });
      try {
        const result = await spec.run(control);
        if (controller.signal.aborted) end({ state: 'cancelled', error: cancelled });
        else end({ state: 'done', result });
      } catch (err) {
        if (controller.signal.aborted) return end({ state: 'cancelled', error: cancelled });
        spec.log?.(`${kind} job failed`, err);
        end({ state: 'failed', error: failureMessage(err) });
      }
    });
    const entry: Entry<J> = { job, controller, ended };
    this.jobs.set(id, entry);
    return id;
  }

  /** Settles when the job has ended, however it ended (also when cancelled before it started). */
  ended(id: string): Promise<void> {
    return this.jobs.get(id)?.ended ?? Promise.resolve();
  }

  /** A job of any kind; or, given `kind`, only a job of that kind (another kind's id is not-found). */
  status(id: string): J;
  status<K extends J['kind']>(id: string, kind: K): Of<J, K>;
  status(id: string, kind?: string): J {
    const entry = this.jobs.get(id);
    if (!entry || (kind !== undefined && entry.job.kind !== kind))
      throw new DomainError(
        'not-found',
        `No ${kind ?? ''}${kind ? ' ' : ''}job ${id} (finished jobs are forgotten after 30 minutes)`,
      );
    return entry.job;
  }

  /** Stops a queued or running job (it ends as 'cancelled'); a job already ended is answered as it is. */
  cancel(id: string): J {
    const entry = this.jobs.get(id);
    if (!entry) throw new DomainError('not-found', `No job ${id}`);
    if (isJobActive(entry.job.state)) entry.controller.abort();
    return entry.job;
  }

  cancelAll(): void {
    for (const entry of this.jobs.values()) if (isJobActive(entry.job.state)) entry.controller.abort();
  }

  /** Resolves when no job is queued or running (used at shutdown and in tests). */
  async idle(): Promise<void> {
    for (;;) {
      const active = [...this.jobs.values()].filter((e) => e.finishedAt === undefined);
      if (active.length === 0) return;
      await Promise.all(active.map((e) => e.ended));
    }
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, entry] of this.jobs)
      if (entry.finishedAt && now - entry.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
