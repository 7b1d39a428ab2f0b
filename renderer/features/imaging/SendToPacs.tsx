import { useState } from 'react';
import { isJobActive } from '../../../shared/contract/job';
import type { PacsSendJobStatus } from '../../../shared/contract/pacs';
import { sentSummary } from '../../../shared/imaging/key-objects-text';
import { useCan } from '../../auth/useCan';
import { Banner } from '../../components/Banner';
import { useRead, useWrite } from '../../data/hooks';
import { useJobStatus } from '../../data/jobs';

/**
 * "Send to PACS" on the Key images panel (issue 15 item 6): the case's key images go to the chosen node as
 * Secondary Captures with a Key Object Selection per study, as a job with progress. Shown only to a user who may
 * make key images, when a node is set up and the case has key images.
 */
export function SendToPacs({ caseId, keyImages }: { caseId: number; keyImages: number }) {
  const allowed = useCan('imaging.keyImages');
  const { data: nodes } = useRead('pacs:nodes', {}, { enabled: allowed });
  const [chosen, setChosen] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const send = useWrite('pacs:send');
  const status = useJobStatus('jobs:status', jobId);
  const job = status.data?.kind === 'pacs-send' ? (status.data as PacsSendJobStatus) : undefined;

  if (!allowed || !nodes || nodes.length === 0 || keyImages === 0) return null;
  const nodeId = chosen ?? nodes[0].id;
  const running = send.isPending || (jobId !== null && !status.error && (!job || isJobActive(job.state)));

  async function start() {
    setStartError(null);
    setJobId(null);
    try {
      const started = await send.mutateAsync({ nodeId, caseId });
      if (started.ok) setJobId(started.value.jobId);
      else setStartError(started.error.message);
    } catch (err) {
      setStartError((err as Error).message);
    }
  }

  const failure = startError ?? status.error?.message ?? (job?.state === 'failed' ? job.error : null);
  return (
    <div className="send-to-pacs">
      {nodes.length > 1 && (
        <label>
          PACS{' '}
          <select value={nodeId} disabled={running} onChange={(e) => setChosen(Number(e.target.value))}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="button" disabled={running} onClick={() => void start()}>
        {nodes.length > 1 ? 'Send to PACS' : `Send to PACS (${nodes[0].name})`}
      </button>
      {running && (
        <div className="progress">
          <div className="progress__label" role="status">
            {progressText(job)}
          </div>
          <progress
            value={job?.progress.total ? job.progress.sent : undefined}
            max={job?.progress.total ?? undefined}
            aria-label="Send progress"
          />
        </div>
      )}
      {job?.state === 'done' && job.result && (
        <Banner message={{ kind: 'saved', text: `${sentSummary(job.result)}.` }} />
      )}
      {job?.state === 'cancelled' && <Banner message={{ kind: 'info', text: job.error ?? 'Sending cancelled' }} />}
      {failure && <Banner message={{ kind: 'error', text: failure }} />}
    </div>
  );
}

function progressText(job: PacsSendJobStatus | undefined): string {
  const p = job?.progress;
  if (!p || p.phase === 'starting') return 'Starting...';
  if (p.phase === 'writing') return `Writing the key images as DICOM: ${p.sent}`;
  return `Sending to the PACS: ${p.sent} of ${p.total ?? '?'}`;
}
