import { useEffect, useRef, useState } from 'react';
import type { ExportRequestInput, ExportStatus } from '../../../shared/contract/exports';
import { invoke } from '../../api';

export type ExportJobState =
  | { name: 'idle' }
  | { name: 'running'; status: ExportStatus | null }
  | { name: 'finished'; status: ExportStatus }
  | { name: 'error'; message: string };

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One export at a time: start it, follow its progress until it ends, cancel it on request or when the view goes. */
export function useExportJob() {
  const [state, setState] = useState<ExportJobState>({ name: 'idle' });
  const jobId = useRef<string | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  async function start(request: ExportRequestInput): Promise<void> {
    setState({ name: 'running', status: null });
    const started = await invoke('exports:start', request);
    if (!started.ok) return setState({ name: 'error', message: started.error.message });
    const id = started.value.jobId;
    jobId.current = id;
    while (alive.current) {
      const status = await invoke('exports:status', { jobId: id });
      if (!status.ok) return setState({ name: 'error', message: status.error.message });
      if (status.value.state !== 'running') {
        jobId.current = null;
        return setState({ name: 'finished', status: status.value });
      }
      setState({ name: 'running', status: status.value });
      await wait(250);
    }
  }

  async function cancel(): Promise<void> {
    if (jobId.current) await invoke('jobs:cancel', { jobId: jobId.current });
  }

  return {
    state,
    start: (r: ExportRequestInput) => void start(r),
    cancel: () => void cancel(),
    busy: state.name === 'running',
  };
}
