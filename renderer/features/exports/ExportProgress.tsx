import { EXPORT_KIND_LABEL } from '../../../shared/contract/exports';
import type { ExportJobState } from './useExportJob';
import { mediaSrc } from '../../web-access';

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** The running export's progress bar with Cancel, or how the last one ended (with its download link). */
export function ExportProgress({ state, onCancel }: { state: ExportJobState; onCancel: () => void }) {
  if (state.name === 'idle') return null;
  if (state.name === 'error') {
    return (
      <div className="banner banner--error" role="alert">
        Export not started: {state.message}
      </div>
    );
  }
  if (state.name === 'running') {
    const p = state.job?.progress;
    return (
      <div className="progress">
        <div className="progress__label" role="status">
          {p ? `${EXPORT_KIND_LABEL[p.exportKind]}: ${p.phase}` : 'Starting the export...'}
        </div>
        <progress value={p?.total ? p.done : undefined} max={p?.total || undefined} aria-label="Export progress" />
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  const s = state.job;
  if (s.state === 'cancelled')
    return (
      <div className="banner banner--error" role="status">
        Export cancelled: no file was written.
      </div>
    );
  if (s.state === 'failed' || !s.result)
    return (
      <div className="banner banner--error" role="alert">
        Export failed, no file was written: {s.error}
      </div>
    );
  const o = s.result;
  const extent =
    o.slides !== null ? `${o.slides} slides` : o.pages !== null ? `${o.pages} page${o.pages === 1 ? '' : 's'}` : '';
  return (
    <div className="banner banner--saved export-done" role="status">
      {EXPORT_KIND_LABEL[o.kind]}
      {o.deidentified ? ' (de-identified)' : ''} ready:{' '}
      {[extent, megabytes(o.bytes), `${o.seconds.toFixed(1)} s`].filter(Boolean).join(' · ')}.{' '}
      {o.downloadUrl ? (
        <a href={mediaSrc(o.downloadUrl)} download={o.name}>
          Download {o.name}
        </a>
      ) : (
        <span className="mono">{o.file}</span>
      )}
      <div className="muted small">Saved on this computer as {o.file}</div>
    </div>
  );
}
