import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../electron/services/errors';
import { JobRegistry } from '../../../electron/services/jobs/job-registry';
import type { Job } from '../../../shared/contract/job';

/** Two kinds with their own progress and result, as imports and exports have. */
type CopyJob = Job<{ phase: string; copied: number }, { files: number }, 'copy'>;
type PrintJob = Job<{ page: number }, { pages: number; file: string }, 'print'>;
type TestJob = CopyJob | PrintJob;

/** A job's work that waits for the test to let it go on. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

const untilRunning = (jobs: JobRegistry<TestJob>, id: string) =>
  vi.waitFor(() => expect(jobs.status(id).state).toBe('running'), { interval: 1 });

describe('job registry', () => {
  it('answers the id before any work, then reports typed progress and keeps the typed result', async () => {
    const jobs = new JobRegistry<TestJob>();
    const step = gate();
    const run = vi.fn(async (control: { report(p: Partial<CopyJob['progress']>): void }) => {
      control.report({ phase: 'copying', copied: 1 });
      await step.opened;
      control.report({ copied: 2 });
      return { files: 2 };
    });
    const id = jobs.start('copy', { progress: { phase: 'waiting', copied: 0 }, run });
    expect(run).not.toHaveBeenCalled();
    expect(jobs.status(id)).toEqual({
      id,
      kind: 'copy',
      state: 'queued',
      progress: { phase: 'waiting', copied: 0 },
      result: null,
      error: null,
    });
    await untilRunning(jobs, id);
    expect(jobs.status(id).progress).toEqual({ phase: 'copying', copied: 1 });
    step.open();
    await jobs.idle();
    expect(jobs.status(id)).toMatchObject({
      state: 'done',
      progress: { phase: 'copying', copied: 2 },
      result: { files: 2 },
      error: null,
    });
  });

  it('tells kinds apart: a job asked for as another kind is not found', async () => {
    const jobs = new JobRegistry<TestJob>();
    const id = jobs.start('print', { progress: { page: 0 }, run: async () => ({ pages: 3, file: '/x.pdf' }) });
    await jobs.idle();
    const print = jobs.status(id, 'print');
    expect(print.result?.pages).toBe(3);
    expect(() => jobs.status(id, 'copy')).toThrow(DomainError);
    expect(() => jobs.status(id, 'copy')).toThrow(`No copy job ${id}`);
    expect(() => jobs.status('nope')).toThrow('No job nope');
  });

  it('ends a failing job as failed with the error in words, and logs it', async () => {
    const jobs = new JobRegistry<TestJob>();
    const log = vi.fn();
    const failing = jobs.start('copy', {
      progress: { phase: 'waiting', copied: 0 },
      run: async () => {
        throw new Error('the disk is full');
      },
      log,
    });
    const odd = jobs.start('print', {
      progress: { page: 0 },
      run: () => Promise.reject({ code: 'E42' }),
    });
    await jobs.idle();
    expect(jobs.status(failing)).toMatchObject({ state: 'failed', error: 'the disk is full', result: null });
    expect(jobs.status(odd)).toMatchObject({ state: 'failed', error: '{"code":"E42"}' });
    expect(log).toHaveBeenCalledWith('copy job failed', expect.any(Error));
  });

  it('cancels a running job through its signal: cancelled, with what it left behind, and no result', async () => {
    const jobs = new JobRegistry<TestJob>();
    const log = vi.fn();
    let seen: AbortSignal | undefined;
    const id = jobs.start('print', {
      progress: { page: 0 },
      cancelled: 'Cancelled: no file was written',
      log,
      run: (control) =>
        new Promise((resolve, reject) => {
          seen = control.signal;
          control.signal.addEventListener('abort', () => reject(new Error('aborted')));
          control.report({ page: 1 });
        }),
    });
    await untilRunning(jobs, id);
    expect(jobs.cancel(id).state).toBe('running');
    await jobs.idle();
    expect(seen?.aborted).toBe(true);
    expect(jobs.status(id)).toMatchObject({
      state: 'cancelled',
      error: 'Cancelled: no file was written',
      result: null,
      progress: { page: 1 },
    });
    expect(log).not.toHaveBeenCalled();
    // A job that ended stays as it ended.
    expect(jobs.cancel(id).state).toBe('cancelled');
  });

  it('a job that finishes its work after a cancel is still cancelled (its result is not kept)', async () => {
    const jobs = new JobRegistry<TestJob>();
    const step = gate();
    const id = jobs.start('copy', {
      progress: { phase: 'waiting', copied: 0 },
      run: async () => {
        await step.opened;
        return { files: 9 };
      },
    });
    await untilRunning(jobs, id);
    jobs.cancel(id);
    step.open();
    await jobs.idle();
    expect(jobs.status(id)).toMatchObject({
      state: 'cancelled',
      error: 'Cancelled: nothing of this copy was kept',
      result: null,
    });
  });

  it('a job cancelled while queued never runs', async () => {
    const jobs = new JobRegistry<TestJob>();
    const run = vi.fn(async () => ({ files: 1 }));
    const id = jobs.start('copy', { progress: { phase: 'waiting', copied: 0 }, run });
    expect(jobs.cancel(id).state).toBe('queued');
    await jobs.idle();
    expect(run).not.toHaveBeenCalled();
    expect(jobs.status(id).state).toBe('cancelled');
  });

  it('cancelAll stops every job still under way', async () => {
    const jobs = new JobRegistry<TestJob>();
    const hang = (control: { signal: AbortSignal }) =>
      new Promise<never>((_, reject) => control.signal.addEventListener('abort', () => reject(new Error('stop'))));
    const a = jobs.start('copy', { progress: { phase: '', copied: 0 }, run: hang });
    const b = jobs.start('print', { progress: { page: 0 }, run: hang });
    await untilRunning(jobs, b);
    jobs.cancelAll();
    await jobs.idle();
    expect([jobs.status(a).state, jobs.status(b).state]).toEqual(['cancelled', 'cancelled']);
  });
});
