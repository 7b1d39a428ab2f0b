import { useRef, useState, type DragEvent } from 'react';
import { formatPersonName, type ImportOutcome, type JobState } from '../../../shared/domain/imaging';
import { invoke } from '../../api';
import { uploadBatch } from '../../media';
import { formatDate } from '../clinical/clinical-format';
import { Banner } from '../../components/Banner';

type Phase =
  | { name: 'idle' }
  | { name: 'uploading'; sent: number; total: number }
  | { name: 'importing'; job: JobState }
  | { name: 'finished'; job: JobState; uploaded: boolean }
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

  async function follow(id: string, uploaded: boolean) {
    jobId.current = id;
    for (;;) {
      const status = await invoke('jobs:status', { jobId: id });
      if (!status.ok) return setPhase({ name: 'error', message: status.error.message });
      if (status.value.state !== 'running') {
        setPhase({ name: 'finished', job: status.value, uploaded });
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
      const chosen = (await window.boardprep?.grantFiles?.(files)) ?? [];
      const started = chosen.length
        ? await invoke('imaging:importPaths', { chosen, caseId })
        : await invoke('imaging:importUpload', {
            batchId: await uploadBatch(files, (p) => setPhase({ name: 'uploading', ...p }), controller.signal),
            caseId,
          });
      if (!started.ok) return setPhase({ name: 'error', message: started.error.message });
      await follow(started.value.jobId, !chosen.length);
    } catch (err) {
      setPhase({
        name: 'error',
        message: controller.signal.aborted ? 'Import cancelled before anything was stored.' : (err as Error).message,
      });
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
          onCancel={() => void cancel()}
        />
      )}
      {phase.name === 'importing' && (
        <Progress
          label={describe(phase.job)}
          value={
            (phase.job.counts?.imported ?? 0) + (phase.job.counts?.duplicates ?? 0) + (phase.job.counts?.rejected ?? 0)
          }
          max={phase.job.counts?.total ?? 0}
          onCancel={() => void cancel()}
        />
      )}
      {phase.name === 'error' && <Banner message={{ kind: 'error', text: phase.message }} />}
      {phase.name === 'finished' && (
        <Report job={phase.job} uploaded={phase.uploaded} caseId={caseId} onChanged={onImported} />
      )}
    </section>
  );
}

function describe(job: JobState): string {
  const c = job.counts;
  if (!c) return 'Starting...';
  return `${job.phase === 'scanning' ? 'Scanning' : 'Importing'}: scanned ${c.scanned}${c.total ? ` of ${c.total}` : ''} · imported ${c.imported} · duplicates ${c.duplicates} · rejected ${c.rejected}`;
}

function Progress({
  label,
  value,
  max,
  onCancel,
}: {
  label: string;
  value: number;
  max: number;
  onCancel: () => void;
}) {
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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Mismatch = ImportOutcome['needsConfirmation'][number];

/** "26 Oct 2015 · CT · CT CHEST W CONTRAST · 37 images": enough to tell one study from another. */
function studyLabel(m: Mismatch): string {
  return [
    m.studyDate ? formatDate(m.studyDate) : 'no study date',
    m.modalities.length ? m.modalities.join('/') : null,
    m.studyDescription ?? 'no description',
    m.imageCount !== null ? plural(m.imageCount, 'image') : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Where a DICOMDIR's listed files went missing, and what to do about it. */
function incompleteDicomdirText(d: { path: string; missing: number }, uploaded: boolean): string {
  const files = plural(d.missing, 'file');
  return uploaded
    ? `${d.path} lists ${files} that ${d.missing === 1 ? 'was' : 'were'} not chosen with it: use Import folder... and choose the CD's folder.`
    : `${d.path} lists ${files} that ${d.missing === 1 ? 'was' : 'were'} not found next to it: the copy of the CD may be incomplete.`;
}

function Report({
  job,
  uploaded,
  caseId,
  onChanged,
}: {
  job: JobState;
  uploaded: boolean;
  caseId: number;
  onChanged: () => void;
}) {
  const [attached, setAttached] = useState<Set<string>>(new Set());
  const [attachErrors, setAttachErrors] = useState<Map<string, string>>(new Map());
  if (job.state === 'cancelled')
    return (
      <div className="banner banner--error" role="status">
        Import cancelled: nothing of it was kept.
      </div>
    );
  if (job.state === 'failed')
    return <Banner message={{ kind: 'error', text: `Import failed, nothing of it was kept: ${job.error ?? ''}` }} />;
  const result = job.result as ImportOutcome;
  const c = result.counts;
  const indexFiles = c.indexFiles ?? 0;
  const files = c.scanned + indexFiles;
  async function attach(m: Mismatch) {
    const uid = m.studyInstanceUid;
    setAttachErrors((e) => {
      const next = new Map(e);
      next.delete(uid);
      return next;
    });
    let message: string | undefined;
    try {
      const r = await invoke('imaging:attachStudy', { studyInstanceUid: uid, caseId });
      if (r.ok) {
        setAttached((s) => new Set(s).add(uid));
        onChanged();
        return;
      }
      message = r.error.message;
    } catch (err) {
      message = (err as Error).message;
    }
    setAttachErrors((e) => new Map(e).set(uid, `The study of ${studyLabel(m)} was not attached: ${message}`));
  }
  return (
    <div className="import-report" role="status">
      <div className={`banner ${c.imported > 0 || c.duplicates > 0 ? 'banner--saved' : 'banner--error'}`}>
        Imported {plural(c.imported, 'image')}; {c.duplicates} already stored; {c.rejected} rejected
        {indexFiles > 0 ? `; ${plural(indexFiles, 'DICOMDIR index file')} read` : ''} (of {plural(files, 'file')}).
      </div>
      {(result.incompleteDicomdirs ?? []).map((d) => (
        <div key={d.path} className="banner banner--error">
          {incompleteDicomdirText(d, uploaded)}
        </div>
      ))}
      {result.needsConfirmation.map((m) => {
        const name = formatPersonName(m.dicomPatientName);
        const label = studyLabel(m);
        return (
          <div key={m.studyInstanceUid} className="banner banner--warn" role="group" aria-label={`Study of ${label}`}>
            <span>
              The study of <strong>{label}</strong>, for <strong>{name ?? 'an unnamed patient'}</strong> (ID{' '}
              {m.dicomPatientId ?? 'none'}), does not match this case: {m.reason}. It was imported but not attached.
            </span>
            {attached.has(m.studyInstanceUid) ? (
              <span>Attached to this case.</span>
            ) : (
              <button type="button" className="button" onClick={() => void attach(m)}>
                Attach to this case anyway
              </button>
            )}
            {attachErrors.has(m.studyInstanceUid) && (
              <div className="banner banner--error" role="alert">
                {attachErrors.get(m.studyInstanceUid)}
              </div>
            )}
          </div>
        );
      })}
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
