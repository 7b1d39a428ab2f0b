import { useId, useState, type FormEvent } from 'react';
import { dayMonthYear } from '../../../shared/dates';
import { PROCEDURE_LABEL, type PathologyReport } from '../../../shared/domain/pathology';
import { Field } from '../../components/Field';
import { useWrite } from '../../data/hooks';
import { humanReason, plainMessage, serverFieldErrors } from './clinical-format';

interface DrivingReportChoiceProps {
  caseId: number;
  reports: PathologyReport[];
  drivingReportId: number | null;
  drivingReason: string;
}

/** "Resection S26-1 of 9 Nov 2026 (Leiomyosarcoma, G2)": a report as the chooser lists it. */
function reportName(r: PathologyReport): string {
  const what = [r.histotypeName || 'histotype not stated', r.grade.grade].join(', ');
  return `${PROCEDURE_LABEL[r.procedure]}${r.specimenId ? ` ${r.specimenId}` : ''} of ${dayMonthYear(r.specimenDate)} (${what})`;
}

/**
 * Which report drives grade and staging and why (the content rule, or a person's choice), with the control to choose
 * another report with a reason, or to go back to the rule (issue 13 item 2; docs/clinical-rules.md#driving-report).
 */
export function DrivingReportChoice({ caseId, reports, drivingReportId, drivingReason }: DrivingReportChoiceProps) {
  const driving = reports.find((r) => r.id === drivingReportId) ?? null;
  const chosen = driving?.drivingChoice !== undefined;
  const others = reports.filter((r) => r.id !== drivingReportId);
  const choose = useWrite('clinical:chooseDrivingReport');
  const [open, setOpen] = useState(false);
  const [reportId, setReportId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const headingId = useId();

  if (!driving) return null;

  function start() {
    setReportId(String(others[0]?.id ?? ''));
    setReason('');
    setErrors({});
    setOpen(true);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!reportId) missing.reportId = 'Choose the report that should drive';
    if (!reason.trim()) missing.reason = 'Say why this report should drive grade and staging';
    if (Object.keys(missing).length) return setErrors(missing);
    const result = await choose.mutateAsync({ caseId, reportId: Number(reportId), reason });
    if (result.ok) return setOpen(false);
    const fields = serverFieldErrors(result.error, '');
    setErrors(Object.keys(fields).length ? fields : { form: plainMessage(result.error) });
  }

  async function backToRule() {
    const result = await choose.mutateAsync({ caseId, reportId: null });
    setErrors(result.ok ? {} : { form: plainMessage(result.error) });
  }

  return (
    <section className="driving-choice" aria-labelledby={headingId}>
      <p className="driving-choice__what" id={headingId}>
        Drives grade and staging: <strong>{reportName(driving)}</strong>
        {chosen ? ' · chosen by a person' : ' · by the rule'}
      </p>
      {/* The reason starts by naming the report again ("X drives grade and staging: ..."); the line above does. */}
      <p className="driving-choice__why">
        Why: {humanReason(drivingReason.replace(/^.*? drives grade and staging: /, ''))}
      </p>
      {errors.form && (
        <div className="field__error" role="alert">
          {errors.form}
        </div>
      )}
      {!open && (
        <div className="driving-choice__actions">
          {others.length > 0 && (
            <button type="button" className="button button--small" onClick={start}>
              Use another report…
            </button>
          )}
          {chosen && (
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => void backToRule()}
              disabled={choose.isPending}
            >
              Back to the rule
            </button>
          )}
        </div>
      )}
      {open && (
        <form
          className="driving-choice__form"
          aria-label="Choose the report that drives grade and staging"
          onSubmit={(e) => void submit(e)}
          noValidate
        >
          <Field label="Report to drive grade and staging" error={errors.reportId} required>
            {(p) => (
              <select {...p} value={reportId} onChange={(e) => setReportId(e.target.value)}>
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {reportName(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Why this report"
            error={errors.reason}
            hint="Shown with the grade and stage, with your name and the date"
            required
          >
            {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="driving-choice__actions">
            <button type="submit" className="button button--primary button--small" disabled={choose.isPending}>
              Use this report
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
