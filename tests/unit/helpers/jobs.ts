import { CHAIR } from './caller';
import { vi } from 'vitest';
import { dispatch, type HandlerTable } from '../../../electron/host/dispatch';
import { isJobActive } from '../../../shared/contract/job';
import { ImportJobStatus, JobStatus } from '../../../shared/contract/jobs';

/**
 * Polls `jobs:status` until the import job has ended and returns its last state, parsed by the contract (what the
 * renderer gets). A status call that fails ends the wait at once with its message.
 */
export async function jobEnd(
  handlers: HandlerTable,
  jobId: string,
  { timeout = 25_000 } = {},
): Promise<ImportJobStatus> {
  const answer = await vi.waitFor(
    async () => {
      const r = await dispatch(handlers, 'jobs:status', { jobId }, CHAIR);
      if (r.ok && isJobActive(JobStatus.parse(r.value).state)) throw new Error(`job ${jobId} is still running`);
      return r;
    },
    { timeout, interval: 20 },
  );
  if (!answer.ok) throw new Error(answer.error.message);
  return ImportJobStatus.parse(answer.value);
}
