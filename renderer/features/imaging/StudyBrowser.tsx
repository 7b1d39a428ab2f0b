import type { StudySummary } from '../../../shared/domain/imaging';
import { instanceUrl } from '../../media';
import { SeriesThumbnail } from '../../viewer/SeriesThumbnail';
import { DetachStudy } from './DetachStudy';

/** The case's studies, newest first, each with its series as thumbnails with image counts. */
export function StudyBrowser({
  caseId,
  studies,
  selected,
  onSelect,
}: {
  caseId: number;
  studies: StudySummary[];
  selected: string | null;
  onSelect: (seriesUid: string) => void;
}) {
  if (studies.length === 0)
    return <p className="muted">No imaging attached to this case yet. Import a CD, a folder or files above.</p>;
  return (
    <div className="studies" aria-label="Studies">
      {studies.map((study) => (
        <section key={study.studyInstanceUid} className="study">
          <div className="study__head">
            <strong>{study.studyDate ?? 'Undated study'}</strong> · {study.modalities.join(', ') || 'no modality'}
            <div className="muted small">{study.description ?? 'No description'}</div>
            <DetachStudy caseId={caseId} study={study} />
          </div>
          <ul className="series-list">
            {study.series.map((s) => (
              <li key={s.seriesInstanceUid}>
                <button
                  type="button"
                  className={`series${selected === s.seriesInstanceUid ? ' series--on' : ''}`}
                  aria-pressed={selected === s.seriesInstanceUid}
                  onClick={() => onSelect(s.seriesInstanceUid)}
                >
                  {s.seriesNumber !== null && <span className="visually-hidden">Series {s.seriesNumber}: </span>}
                  <SeriesThumbnail
                    imageId={s.thumbnailSopInstanceUid ? `wadouri:${instanceUrl(s.thumbnailSopInstanceUid)}` : null}
                    fallback={s.modality ?? '?'}
                  />
                  <span className="series__text">
                    <span>{s.description ?? `${s.modality ?? ''} series ${s.seriesNumber ?? ''}`}</span>
                    <span className="muted small">
                      {s.modality} · {s.frameCount} image{s.frameCount === 1 ? '' : 's'}
                      {s.bodyPart ? ` · ${s.bodyPart}` : ''}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
