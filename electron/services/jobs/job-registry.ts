import { randomBytes } from 'node:crypto';
import type { ImportCounts, ImportOutcome, JobState } from '../../../shared/domain/imaging';
import { DomainError } from '../errors';

/**
 * Long work (imports, later exports) runs as a job: started by one call, polled for progress, cancelled by
 * another. Polling works the same over IPC and HTTP, and the window never waits on the work itself.
 */
export interface JobControl {
  signal: AbortSignal;
  report(phase: string, counts: ImportCounts | null): void;
}

interface Job {
  state: JobState;
  controller: AbortController;
  finishedAt?: number;
}

const KEEP_FINISHED_MS = 30 * 60 * 1000;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start(
    kind: string,
    run: (control: JobControl) => Promise<ImportOutcome>,
    log?: (m: string, e: unknown) => void,
  ): string {
    this.prune();
    const id = randomBytes(9).toString('base64url');
    const controller = new AbortController();
    const job: Job = {
      controller,
      state: { id, kind, state: 'running', phase: 'starting', counts: null, error: null, result: null },
    };
    this.jobs.set(id, job);
    const control: JobControl = {
      signal: controller.signal,
      report: (phase, counts) => {
        job.state = { ...job.state, phase, counts };
      },
    };
    // Start on the next turn so the caller gets the id before any work (and any synchronous failure) happens.
    setImmediate(() => {
      run(control).then(
        (result) => {
          job.state = {
            ...job.state,
            state: controller.signal.aborted ? 'cancelled' : 'done',
            phase: 'finished',
            result,
            counts: result.counts,
          };
          job.finishedAt = Date.now();
        },
        (err: unknown) => {
          const cancelled = controller.signal.aborted;
          if (!cancelled) log?.(`${kind} job failed`, err);
          job.state = {
            ...job.state,
            state: cancelled ? 'cancelled' : 'failed',
            phase: 'finished',
            error: cancelled
              ? `Cancelled: nothing of this ${kind} was kept`
              : err instanceof Error
                ? err.message
                : String(err),
          };
          job.finishedAt = Date.now();
        },
      );
    });
    return id;
  }

  status(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new DomainError('not-found', `No job ${id} (finished jobs are forgotten after 30 minutes)`);
    return job.state;
  }

  cancel(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new DomainError('not-found', `No job ${id}`);
    if (job.state.state === 'running') job.controller.abort();
    return job.state;
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.state.state === 'running') job.controller.abort();
  }

  /** Resolves when every running job has ended (used at shutdown and in tests). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((j) => j.state.state === 'running'))
      await new Promise((r) => setTimeout(r, 20));
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs)
      if (job.finishedAt && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
