import { useRef, useState, type DragEvent } from 'react';
import type { ImportOutcome, JobState } from '../../../shared/domain/imaging';
import { invoke } from '../../api';
import { uploadBatch } from '../../media';

type Phase =
  | { name: 'idle' }
  | { name: 'uploading'; sent: number; total: number }
  | { name: 'importing'; job: JobState }
  | { name: 'finished'; job: JobState }
  | { name: 'error'; message: string };

interface ImportPanelProps {
  caseId: number;
  onImported: () => void;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Files in from a dialog or by drag and drop, then one import job with progress, cancel and a plain report. */
export function ImportPanel({ caseId, onImported }: ImportPanelProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const jobId = useRef<string | null>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  async function follow(id: string) {
    jobId.current = id;
    for (;;) {
      const status = await invoke('jobs:status', { jobId: id });
      if (!status.ok) return setPhase({ name: 'error', message: status.error.message });
      if (status.value.state !== 'running') {
        setPhase({ name: 'finished', job: status.value });
        onImported();
        return;
      }
      setPhase({ name: 'importing', job: status.value });
      await wait(250);
    }
  }

  async function importFiles(files: File[]) {
    if (files.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ name: 'uploading', sent: 0, total: files.length });
    try {
      const paths = window.boardprep?.pathsForFiles?.(files);
      const started = paths?.length
        ? await invoke('imaging:importPaths', { paths, caseId })
        : await invoke('imaging:importUpload', {
            batchId: await uploadBatch(files, (p) => setPhase({ name: 'uploading', ...p }), controller.signal),
            caseId,
          });
      if (!started.ok) return setPhase({ name: 'error', message: started.error.message });
      await follow(started.value.jobId);
    } catch (err) {
      setPhase({ name: 'error', message: controller.signal.aborted ? 'Import cancelled before anything was stored.' : (err as Error).message });
    }
  }

  async function cancel() {
    abort.current?.abort();
    if (jobId.current) await invoke('jobs:cancel', { jobId: jobId.current });
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void importFiles([...e.dataTransfer.files]);
  }

  const busy = phase.name === 'uploading' || phase.name === 'importing';
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
        <input ref={filesInput} type="file" multiple hidden aria-label="DICOM files" onChange={(e) => void importFiles([...(e.target.files ?? [])])} />
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label="DICOM folder"
          {...({ webkitdirectory: '' } as object)}
          onChange={(e) => void importFiles([...(e.target.files ?? [])])}
        />
      </div>
      {phase.name === 'uploading' && <Progress label={`Reading files ${phase.sent} / ${phase.total}`} value={phase.sent} max={phase.total} onCancel={cancel} />}
      {phase.name === 'importing' && (
        <Progress
          label={describe(phase.job)}
          value={(phase.job.counts?.imported ?? 0) + (phase.job.counts?.duplicates ?? 0) + (phase.job.counts?.rejected ?? 0)}
          max={phase.job.counts?.total ?? 0}
          onCancel={cancel}
        />
      )}
      {phase.name === 'error' && <div className="banner banner--error">{phase.message}</div>}
      {phase.name === 'finished' && <Report job={phase.job} caseId={caseId} onChanged={onImported} />}
    </section>
  );
}

function describe(job: JobState): string {
  const c = job.counts;
  if (!c) return 'Starting...';
  return `${job.phase === 'scanning' ? 'Scanning' : 'Importing'}: scanned ${c.scanned}${c.total ? ` of ${c.total}` : ''} · imported ${c.imported} · duplicates ${c.duplicates} · rejected ${c.rejected}`;
}

function Progress({ label, value, max, onCancel }: { label: string; value: number; max: number; onCancel: () => void }) {
  return (
    <div className="progress">
      <div className="progress__label" role="status">
        {label}
      </div>
      <progress value={max ? value : undefined} max={max || undefined} aria-label="Import progress" />
      <button type="button" className="button button--ghost" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function Report({ job, caseId, onChanged }: { job: JobState; caseId: number; onChanged: () => void }) {
  const [attached, setAttached] = useState<Set<string>>(new Set());
  if (job.state === 'cancelled') return <div className="banner banner--error" role="status">Import cancelled: nothing of it was kept.</div>;
  if (job.state === 'failed') return <div className="banner banner--error">Import failed, nothing of it was kept: {job.error}</div>;
  const result = job.result as ImportOutcome;
  const c = result.counts;
  async function attach(studyInstanceUid: string) {
    const r = await invoke('imaging:attachStudy', { studyInstanceUid, caseId });
    if (r.ok) {
      setAttached((s) => new Set(s).add(studyInstanceUid));
      onChanged();
    }
  }
  return (
    <div className="import-report" role="status">
      <div className={`banner ${c.imported > 0 || c.duplicates > 0 ? 'banner--saved' : 'banner--error'}`}>
        Imported {c.imported} image{c.imported === 1 ? '' : 's'}; {c.duplicates} already stored; {c.rejected} rejected (of {c.scanned} files).
      </div>
      {result.needsConfirmation.map((m) => (
        <div key={m.studyInstanceUid} className="banner banner--warn">
          <span>
            The study for <strong>{m.dicomPatientName ?? 'an unnamed patient'}</strong> (ID {m.dicomPatientId ?? 'none'}) does not match this case: {m.reason}. It was
            imported but not attached.
          </span>
          {attached.has(m.studyInstanceUid) ? (
            <span>Attached.</span>
          ) : (
            <button type="button" className="button" onClick={() => void attach(m.studyInstanceUid)}>
              Attach to this case anyway
            </button>
          )}
        </div>
      ))}
      {result.rejected.length > 0 && (
        <details open={result.rejected.length <= 10}>
          <summary>Rejected files ({result.rejected.length})</summary>
          <ul className="rejections">
            {result.rejected.map((r) => (
              <li key={r.path}>
                <code>{r.path}</code>: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
