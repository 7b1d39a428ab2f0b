import { useState } from 'react';
import { marginSummary, specimenSizeText } from '../../../shared/clinical/specimen';
import { PROCEDURE_LABEL, TUMOUR_DEPTH_LABEL, type PathologyReport } from '../../../shared/domain/pathology';
import { dayMonthYear } from '../../../shared/dates';
import { useWrite } from '../../data/hooks';
import { SectionHead } from './clinical-controls';
import { humanReason, plainMessage } from './clinical-format';
import { DrivingReportChoice } from './DrivingReportChoice';
import { PathologyForm } from './PathologyForm';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface PathologySectionProps {
  caseId: number;
  reports: PathologyReport[];
  drivingReportId: number | null;
  drivingReason: string;
}

const IHC_SIGN = { positive: '+', negative: '−', focal: 'focal', equivocal: '±' } as const;
const AGREEMENT = {
  concordant: 'concordant',
  'minor-discordance': 'minor discordance',
  'major-discordance': 'major discordance',
} as const;

/** The case's pathology reports: the one that drives grade and stage first, the others as history. */
export function PathologySection({ caseId, reports, drivingReportId, drivingReason }: PathologySectionProps) {
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const driving = reports.find((r) => r.id === drivingReportId) ?? null;
  const history = reports
    .filter((r) => r.id !== drivingReportId)
    .sort((a, b) => b.specimenDate.localeCompare(a.specimenDate) || b.id - a.id);

  const saved = () => setEditing(null);

  return (
    <section className="clin-section" aria-labelledby="clin-pathology">
      <SectionHead
        id="clin-pathology"
        title="Pathology"
        sub={
          reports.length === 0
            ? 'No report recorded yet.'
            : `${reports.length} report${reports.length === 1 ? '' : 's'}`
        }
        action={
          editing === null && (
            <button type="button" className="button" onClick={() => setEditing('new')}>
              Add report
            </button>
          )
        }
      />

      {editing === 'new' && <PathologyForm caseId={caseId} onSaved={saved} onCancel={() => setEditing(null)} />}

      {reports.length === 0 && editing !== 'new' && (
        <div className="clin-empty">
          <strong>No pathology yet.</strong> Without a report there is no histotype for the work-up checklist and the
          grade is GX. Add the biopsy report when it arrives.
        </div>
      )}

      {driving && editing === null && (
        <DrivingReportChoice
          caseId={caseId}
          reports={reports}
          drivingReportId={drivingReportId}
          drivingReason={drivingReason}
        />
      )}

      {driving &&
        (editing === driving.id ? (
          <PathologyForm caseId={caseId} report={driving} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <ReportCard report={driving} driving onEdit={() => setEditing(driving.id)} disabled={editing !== null} />
        ))}

      {history.length > 0 && (
        <>
          <h3 className="clin-subhead">History</h3>
          {history.map((r) =>
            editing === r.id ? (
              <PathologyForm key={r.id} caseId={caseId} report={r} onSaved={saved} onCancel={() => setEditing(null)} />
            ) : (
              <ReportCard key={r.id} report={r} onEdit={() => setEditing(r.id)} disabled={editing !== null} />
            ),
          )}
        </>
      )}
    </section>
  );
}

function ReportCard({
  report: r,
  driving,
  onEdit,
  disabled,
}: {
  report: PathologyReport;
  driving?: boolean;
  onEdit: () => void;
  disabled: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removal = useWrite('pathology:remove');
  const title = `${PROCEDURE_LABEL[r.procedure]}${r.specimenId ? ` ${r.specimenId}` : ''}`;

  async function remove() {
    const result = await removal.mutateAsync({ id: r.id });
    if (!result.ok) setError(plainMessage(result.error));
  }

  const g = r.grade;
  const margin = marginSummary(r);
  const size = specimenSizeText(r);

  return (
    <article
      className={`report${driving ? ' report--driving' : ''}`}
      aria-label={`Pathology report: ${title} of ${dayMonthYear(r.specimenDate)}`}
    >
      <header className="report__head">
        <div>
          <div className="report__title">
            {title}
            <span className="report__date"> · specimen {dayMonthYear(r.specimenDate)}</span>
          </div>
          <div className="report__histotype">
            {r.histotypeName ? (
              <>
                <span className="report__name">{r.histotypeName}</span>
                {r.coded ? (
                  <span className="code-chip">ICD-O-3 {r.icdO3}</span>
                ) : (
                  <span className="flag-chip">Not coded</span>
                )}
                {!r.coded && r.icdO3 && <span className="code-chip code-chip--typed">ICD-O-3 {r.icdO3} (typed)</span>}
              </>
            ) : (
              <span className="muted">Histologic type not stated</span>
            )}
          </div>
        </div>
        <div className="report__badges">
          {driving ? (
            <span className="drive-badge">Drives grade and stage</span>
          ) : (
            <span className="history-badge">History</span>
          )}
          <span className={`grade-pill grade-pill--${g.grade.toLowerCase()}`} title={humanReason(g.reason)}>
            {g.grade}
          </span>
        </div>
      </header>

      <dl className="report__facts">
        <div>
          <dt>FNCLCC</dt>
          <dd>
            {g.status === 'graded' && g.score !== null ? (
              <>
                <strong>{g.grade}</strong>, score {g.score} (differentiation {g.components.differentiation} + mitoses{' '}
                {g.components.mitoses} + necrosis {g.components.necrosis})
              </>
            ) : g.source === 'reported' ? (
              <>
                <strong>{g.grade}</strong> as stated in the report (components not recorded)
              </>
            ) : (
              <>
                <strong>GX</strong> · {humanReason(g.reason.replace(/^GX: /, ''))}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Expert review</dt>
          <dd>
            {r.expertReview ? (
              <span className={r.expertReview.agreement === 'major-discordance' ? 'text-danger' : undefined}>
                {r.expertReview.by}, {dayMonthYear(r.expertReview.date)} · {AGREEMENT[r.expertReview.agreement]}
              </span>
            ) : (
              <span className="muted">Not reviewed by a sarcoma-expert pathologist</span>
            )}
          </dd>
        </div>
        {(r.laboratory || r.reportDate) && (
          <div>
            <dt>Laboratory</dt>
            <dd>
              {r.laboratory || <span className="muted">not stated</span>}
              {r.reportDate ? ` · reported ${dayMonthYear(r.reportDate)}` : ''}
            </dd>
          </div>
        )}
        {r.ihc.length > 0 && (
          <div>
            <dt>IHC</dt>
            <dd className="marker-list">
              {r.ihc.map((i, n) => (
                <span key={n} className={`marker marker--${i.result}`} title={i.note || undefined}>
                  {i.marker} {IHC_SIGN[i.result]}
                  {i.note ? <span className="marker__note"> ({i.note})</span> : null}
                </span>
              ))}
            </dd>
          </div>
        )}
        {r.molecular.length > 0 && (
          <div>
            <dt>Molecular</dt>
            <dd>
              {r.molecular.map((m, n) => (
                <div key={n}>
                  {m.test}: <strong>{m.result || 'result not given'}</strong>
                </div>
              ))}
            </dd>
          </div>
        )}
        {(size || r.depth) && (
          <div>
            <dt>Specimen</dt>
            <dd>
              {[size && `tumour ${size}`, r.depth && TUMOUR_DEPTH_LABEL[r.depth].toLowerCase()]
                .filter(Boolean)
                .join(', ')}
            </dd>
          </div>
        )}
        {margin && (
          <div>
            <dt>Margins</dt>
            <dd>{margin}</dd>
          </div>
        )}
        {r.neoadjuvantTherapy && (
          <div>
            <dt>Neoadjuvant</dt>
            <dd>Therapy given before this specimen</dd>
          </div>
        )}
        {r.treatmentEffect && (
          <div>
            <dt>Treatment effect</dt>
            <dd>{r.treatmentEffect}</dd>
          </div>
        )}
      </dl>
      {r.reportText && (
        <details className="report__text">
          <summary>Report text</summary>
          <p>{r.reportText}</p>
        </details>
      )}
      {error && <Banner message={{ kind: 'error', text: error }} />}
      <div className="report__actions">
        <button type="button" className="button button--ghost button--small" onClick={onEdit} disabled={disabled}>
          Edit
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => setConfirming(true)}
          disabled={disabled}
        >
          Remove
        </button>
        {confirming && (
          <ConfirmDialog
            title="Remove this pathology report?"
            confirmLabel="Remove report"
            danger
            onConfirm={async () => {
              await remove();
              setConfirming(false);
            }}
            onCancel={() => setConfirming(false)}
          >
            <p>
              {title} of {dayMonthYear(r.specimenDate)}
              {r.histotypeName ? ` (${r.histotypeName})` : ''} leaves the record: its grade and review stop counting for
              staging and readiness. Decisions already signed off keep what they showed.
            </p>
          </ConfirmDialog>
        )}
      </div>
    </article>
  );
}
