import { useState } from 'react';
import type { ExportJobStatus, ExportRequestInput } from '../../../shared/contract/exports';
import { isJobActive } from '../../../shared/contract/job';
import { useWrite } from '../../data/hooks';
import { useJobStatus } from '../../data/jobs';

export type ExportJobState =
  | { name: 'idle' }
  | { name: 'running'; job: ExportJobStatus | null }
  | { name: 'finished'; job: ExportJobStatus }
  | { name: 'error'; message: string };

/**
 * One export at a time: start it, follow its progress until it ends (polled while it runs; the exports list is
 * refetched once it has), cancel it on request. Leaving the view stops the polling, not the export.
 */
export function useExportJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const starting = useWrite('exports:start');
  const cancelling = useWrite('jobs:cancel');
  const status = useJobStatus('exports:status', jobId);

  async function start(request: ExportRequestInput): Promise<void> {
    setJobId(null);
    setStartError(null);
    try {
      const started = await starting.mutateAsync(request);
      if (started.ok) setJobId(started.value.jobId);
      else setStartError(started.error.message);
    } catch (err) {
      setStartError((err as Error).message);
    }
  }

  const job = status.data;
  const state: ExportJobState =
    startError !== null
      ? { name: 'error', message: startError }
      : status.error
        ? { name: 'error', message: status.error.message }
        : jobId === null && !starting.isPending
          ? { name: 'idle' }
          : !job || isJobActive(job.state)
            ? { name: 'running', job: job ?? null }
            : { name: 'finished', job };

  return {
    state,
    start: (r: ExportRequestInput) => void start(r),
    cancel: () => {
      if (jobId) cancelling.mutate({ jobId });
    },
    busy: state.name === 'running',
  };
}
