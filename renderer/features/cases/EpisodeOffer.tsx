import { CASE_STATUS_LABEL, EPISODE_KIND_LABEL, SEX_LABEL } from '../../../shared/domain/case';
import type { MrnPatient, PatientDifference } from '../../../shared/domain/episode';
import { dateTime, dayMonthYear } from '../../../shared/dates';
import { hrefFor } from '../../router';

/** "Episode 1 · New diagnosis · 3 Dec 2026 · Leiomyosarcoma · Discussed", linked to its case. */
export function EpisodeLine({ e }: { e: MrnPatient['episodes'][number] }) {
  return (
    <li>
      <a href={hrefFor({ name: 'case', id: e.caseId, tab: 'record' })}>
        Episode {e.number}: {EPISODE_KIND_LABEL[e.episodeKind]}
      </a>{' '}
      <span className="muted">
        · case {e.caseId} · created {dateTime(e.createdAt)} · {e.workingDiagnosis} · {CASE_STATUS_LABEL[e.status]}
      </span>
    </li>
  );
}

/**
 * On a new case whose MRN is already on record: the patient it belongs to, their episodes, and the offer to create
 * this case as a new episode of them (issue 13). Once chosen, it says that the patient's details are those on record
 * and names what the form says differently, with a button to take the details on record (a new episode never
 * rewrites the patient: that is done from an episode's record, for all of them).
 */
export function EpisodeOffer({
  patient,
  chosen,
  differences,
  onChoose,
  onUseRecord,
  onCancel,
}: {
  patient: MrnPatient;
  chosen: boolean;
  differences: readonly PatientDifference[];
  onChoose: () => void;
  onUseRecord: () => void;
  onCancel: () => void;
}) {
  const n = patient.episodes.length;
  return (
    <section className="panel episode-offer" aria-label={`Patient ${patient.name} on record`}>
      <p>
        <strong>MRN {patient.mrn}</strong> belongs to <strong>{patient.name}</strong> (born{' '}
        {dayMonthYear(patient.dateOfBirth)}, {SEX_LABEL[patient.sex]}), with {n} episode{n === 1 ? '' : 's'}:
      </p>
      <ul className="episode-offer__list">
        {patient.episodes.map((e) => (
          <EpisodeLine key={e.caseId} e={e} />
        ))}
      </ul>
      {!chosen ? (
        <div className="episode-offer__actions">
          <button type="button" className="button button--primary" onClick={onChoose}>
            New episode for {patient.name} (born {dayMonthYear(patient.dateOfBirth)})
          </button>
          <span className="muted small">or correct the MRN if this is another patient.</span>
        </div>
      ) : (
        <div role="status">
          <p>
            This case will be <strong>episode {n + 1}</strong> of {patient.name}, sharing the patient and the imaging.
            The name, date of birth and sex are those on record; to correct them, edit an existing episode (changes
            apply to all {n + 1} episodes).
          </p>
          {differences.length > 0 && (
            <p className="episode-offer__differs">
              This form says otherwise: {differences.map((d) => d.text).join('; ')}.
            </p>
          )}
          <div className="episode-offer__actions">
            {differences.length > 0 && (
              <button type="button" className="button button--primary" onClick={onUseRecord}>
                Use the details on record
              </button>
            )}
            <button type="button" className="button button--ghost" onClick={onCancel}>
              Not this patient
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
