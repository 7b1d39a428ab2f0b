import { ageOn, displayName, SEX_LABEL, type CaseRecord } from '../../../shared/domain/case';
import { call } from '../../api';
import { StatusPill } from '../../components/StatusPill';
import { useAsync } from '../../useAsync';
import { CaseForm } from './CaseForm';

export function CasePage({ id, onSaved }: { id: number; onSaved: (r: CaseRecord) => void }) {
  const { value: record, error } = useAsync(() => call('cases:get', { id }), [id]);
  if (error) return <div className="banner banner--error">{error}</div>;
  if (!record) return <div className="loading">Loading case...</div>;
  const p = record.patient;
  return (
    <article className="case-page">
      <header className="case-header">
        <div>
          <h1>{displayName(p)}</h1>
          <div className="case-header__meta">
            MRN {p.mrn} · born {p.dateOfBirth} ({ageOn(p.dateOfBirth, new Date().toISOString().slice(0, 10))} years) · {SEX_LABEL[p.sex]}
          </div>
          <div className="case-header__dx">{record.workingDiagnosis}</div>
        </div>
        <div className="case-header__side">
          <StatusPill status={record.status} />
          <div className="case-header__updated">Case {record.id} · changed {new Date(record.updatedAt).toLocaleString()}</div>
        </div>
      </header>
      {record.boardQuestion && (
        <section className="question" aria-label="Question for the board">
          <div className="question__label">Question for the board</div>
          <p>{record.boardQuestion}</p>
        </section>
      )}
      <CaseForm key={`${record.id}:${record.version}`} record={record} onSaved={onSaved} />
    </article>
  );
}
