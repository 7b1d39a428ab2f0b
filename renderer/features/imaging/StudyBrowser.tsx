import { dayMonthYear, readableDates } from '../../../shared/dates';
import { EPISODE_KIND_LABEL } from '../../../shared/domain/case';
import type { StudySummary } from '../../../shared/domain/imaging';
import { hrefFor } from '../../router';
import { instanceUrl } from '../../media';
import { SeriesThumbnail } from '../../viewer/SeriesThumbnail';
import { DetachStudy } from './DetachStudy';

/**
 * The case's studies and those of the patient's other episodes (issue 13), newest first, each with its series as
 * thumbnails with image counts. Another episode's study is marked with its episode and linked to it; it is viewed
 * and measured here (what is made here belongs to this case) but detached only from its own case.
 */
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
    return (
      <p className="muted">
        No imaging attached to this case yet, nor to the patient's other episodes. Import a CD, a folder or files above.
      </p>
    );
  return (
    <div className="studies" aria-label="Studies">
      {studies.map((study) => (
        <section key={study.studyInstanceUid} className={`study${study.episode ? ' study--episode' : ''}`}>
          <div className="study__head">
            <strong>{study.studyDate ? dayMonthYear(study.studyDate) : 'Undated study'}</strong> ·{' '}
            {study.modalities.join(', ') || 'no modality'}
            <div className="muted small">{study.description ? readableDates(study.description) : 'No description'}</div>
            {study.episode ? (
              <div className="small study__episode">
                <a href={hrefFor({ name: 'case', id: study.episode.caseId, tab: 'imaging' })}>
                  from episode {study.episode.number}: {EPISODE_KIND_LABEL[study.episode.episodeKind]}
                </a>
              </div>
            ) : (
              <DetachStudy caseId={caseId} study={study} />
            )}
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
                    <span>
                      {s.description
                        ? readableDates(s.description)
                        : `${s.modality ?? ''} series ${s.seriesNumber ?? ''}`}
                    </span>
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
