import { useRef, useState, type DragEvent } from 'react';
import type { ImportJobStatus } from '../../../shared/contract/jobs';
import { isJobActive } from '../../../shared/contract/job';
import { useWrite } from '../../data/hooks';
import { useJobStatus } from '../../data/jobs';
import { uploadBatch } from '../../media';
import { Banner } from '../../components/Banner';
import { MismatchPrompts } from './MismatchPrompts';
import { ImportOutcomeReport, Progress } from './ImportReport';

/** What the panel is doing; the job itself (progress, report) is the `jobs:status` read of `jobId`. */
type Phase =
  | { name: 'idle' }
  | { name: 'uploading'; sent: number; total: number }
  | { name: 'job'; jobId: string; uploaded: boolean }
  | { name: 'error'; message: string };

interface ImportPanelProps {
  caseId: number;
}

/** Files in from a dialog or by drag and drop, then one import job with progress, cancel and a plain report. */
export function ImportPanel({ caseId }: ImportPanelProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const importPaths = useWrite('imaging:importPaths');
  const importUpload = useWrite('imaging:importUpload');
  const cancelJob = useWrite('jobs:cancel');
  const jobId = phase.name === 'job' ? phase.jobId : null;
  const status = useJobStatus('jobs:status', jobId);
  const job = status.data?.kind === 'import' ? status.data : undefined;
  const ended = job !== undefined && !isJobActive(job.state);

  async function importFiles(files: File[]) {
    if (files.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ name: 'uploading', sent: 0, total: files.length });
    try {
      const chosen = (await window.boardprep?.grantFiles?.(files)) ?? [];
      const started = chosen.length
        ? await importPaths.mutateAsync({ chosen, caseId })
        : await importUpload.mutateAsync({
            batchId: await uploadBatch(files, (p) => setPhase({ name: 'uploading', ...p }), controller.signal),
            caseId,
          });
      if (!started.ok) return setPhase({ name: 'error', message: started.error.message });
      setPhase({ name: 'job', jobId: started.value.jobId, uploaded: !chosen.length });
    } catch (err) {
      setPhase({
        name: 'error',
        message: controller.signal.aborted ? 'Import cancelled before anything was stored.' : (err as Error).message,
      });
    }
  }

  function cancel() {
    abort.current?.abort();
    if (jobId) cancelJob.mutate({ jobId });
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void importFiles([...e.dataTransfer.files]);
  }

  const following = phase.name === 'job' ? phase : null;
  const failure = status.error?.message ?? (phase.name === 'error' ? phase.message : null);
  const busy = phase.name === 'uploading' || (following !== null && !status.error && !ended);
  return (
    <section
      className={`import${dragging ? ' import--drag' : ''}`}
      aria-label="Import images"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="import__row">
        <div>
          <strong>Import DICOM</strong>
          <span className="muted"> · drop files or a CD folder here (DICOMDIR is followed)</span>
        </div>
        <div className="import__buttons">
          <button type="button" className="button" disabled={busy} onClick={() => filesInput.current?.click()}>
            Import files...
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => folderInput.current?.click()}>
            Import folder...
          </button>
        </div>
        <input
          ref={filesInput}
          type="file"
          multiple
          hidden
          aria-label="DICOM files"
          onChange={(e) => void importFiles([...(e.target.files ?? [])])}
        />
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label="DICOM folder"
          {...({ webkitdirectory: '' } as object)}
          onChange={(e) => void importFiles([...(e.target.files ?? [])])}
        />
      </div>
      {phase.name === 'uploading' && (
        <Progress
          label={`Reading files ${phase.sent} / ${phase.total}`}
          value={phase.sent}
          max={phase.total}
          onCancel={cancel}
        />
      )}
      {busy && following && (
        <Progress
          label={describe(job)}
          value={(job?.progress.imported ?? 0) + (job?.progress.duplicates ?? 0) + (job?.progress.rejected ?? 0)}
          max={job?.progress.total ?? 0}
          onCancel={cancel}
        />
      )}
      {failure !== null && <Banner message={{ kind: 'error', text: failure }} />}
      {following && ended && job && <Report job={job} uploaded={following.uploaded} />}
      <MismatchPrompts caseId={caseId} />
    </section>
  );
}

function describe(job: ImportJobStatus | undefined): string {
  const c = job?.progress;
  if (!c || c.phase === 'starting') return 'Starting...';
  return `${c.phase === 'scanning' ? 'Scanning' : 'Importing'}: scanned ${c.scanned}${c.total ? ` of ${c.total}` : ''} · imported ${c.imported} · duplicates ${c.duplicates} · rejected ${c.rejected}`;
}

function Report({ job, uploaded }: { job: ImportJobStatus; uploaded: boolean }) {
  if (job.state === 'cancelled')
    return (
      <div className="banner banner--error" role="status">
        Import cancelled: nothing of it was kept.
      </div>
    );
  if (job.state === 'failed')
    return <Banner message={{ kind: 'error', text: `Import failed, nothing of it was kept: ${job.error ?? ''}` }} />;
  return job.result ? <ImportOutcomeReport outcome={job.result} uploaded={uploaded} /> : null;
}
