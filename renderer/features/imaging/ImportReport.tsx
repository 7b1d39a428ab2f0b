import type { ImportOutcome } from '../../../shared/domain/imaging';

/** A job's progress bar with its words and a Cancel button (file import and PACS retrieval alike). */
export function Progress({
  label,
  value,
  max,
  onCancel,
  progressLabel = 'Import progress',
}: {
  label: string;
  value: number;
  max: number;
  onCancel: () => void;
  progressLabel?: string;
}) {
  return (
    <div className="progress">
      <div className="progress__label" role="status">
        {label}
      </div>
      <progress value={max ? value : undefined} max={max || undefined} aria-label={progressLabel} />
      <button type="button" className="button button--ghost" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Where a DICOMDIR's listed files went missing, and what to do about it. */
function incompleteDicomdirText(d: { path: string; missing: number }, uploaded: boolean): string {
  const files = plural(d.missing, 'file');
  return uploaded
    ? `${d.path} lists ${files} that ${d.missing === 1 ? 'was' : 'were'} not chosen with it: use Import folder... and choose the CD's folder.`
    : `${d.path} lists ${files} that ${d.missing === 1 ? 'was' : 'were'} not found next to it: the copy of the CD may be incomplete.`;
}

/** What an import did: counts, incomplete DICOMDIRs and each rejected file with its reason (files and PACS alike). */
export function ImportOutcomeReport({ outcome: result, uploaded }: { outcome: ImportOutcome; uploaded: boolean }) {
  const c = result.counts;
  const indexFiles = c.indexFiles ?? 0;
  const files = c.scanned + indexFiles;
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
