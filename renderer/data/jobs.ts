import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { InputOf } from '../../shared/contract';
import { isJobActive } from '../../shared/contract/job';
import { afterJob, useRead } from './hooks';

/** How often a queued or running job is asked for its progress. */
export const JOB_POLL_MS = 250;

/**
 * A job's status, polled while it is queued or running and no longer once it has ended; then the reads its work
 * changed are refetched (AFTER_JOB), so the screens showing them update without a refresh of their own. `jobId`
 * null: no job to follow (nothing is asked). `exports:status` is the same as `jobs:status` typed for exports.
 */
export function useJobStatus<C extends 'jobs:status' | 'exports:status'>(channel: C, jobId: string | null) {
  const client = useQueryClient();
  const query = useRead(channel, { jobId: jobId ?? '' } as InputOf<C>, {
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && !isJobActive(q.state.data.state) ? false : JOB_POLL_MS),
  });
  const job = query.data;
  const ended = job !== undefined && !isJobActive(job.state);
  const invalidated = useRef<string | null>(null);
  useEffect(() => {
    if (!job || !ended || invalidated.current === job.id) return;
    invalidated.current = job.id;
    void afterJob(client, job.kind);
  }, [client, job, ended]);
  return query;
}
