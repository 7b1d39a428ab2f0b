import { lazy, Suspense } from 'react';
import { ageOn, displayName, SEX_LABEL, type CaseRecord } from '../../../shared/domain/case';
import { call } from '../../api';
import { StatusPill } from '../../components/StatusPill';
import { hrefFor, type CaseTab } from '../../router';
import { useAsync } from '../../useAsync';
import { CaseForm } from './CaseForm';

// The imaging room (cornerstone and its codecs) loads only when a case's images are opened.
const CaseImaging = lazy(() => import('../imaging/CaseImaging').then((m) => ({ default: m.CaseImaging })));

const TABS: [CaseTab, string][] = [
  ['record', 'Record'],
  ['imaging', 'Imaging'],
];

export function CasePage({ id, tab, onSaved }: { id: number; tab: CaseTab; onSaved: (r: CaseRecord) => void }) {
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
      <nav className="tabs" aria-label="Case sections">
        {TABS.map(([key, label]) => (
          <a key={key} href={hrefFor({ name: 'case', id, tab: key })} className={`tab${tab === key ? ' tab--on' : ''}`} aria-current={tab === key ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {tab === 'record' ? <CaseForm key={`${record.id}:${record.version}`} record={record} onSaved={onSaved} /> : (
        <Suspense fallback={<div className="loading">Loading the viewer...</div>}>
          <CaseImaging caseId={record.id} />
        </Suspense>
      )}
    </article>
  );
}
