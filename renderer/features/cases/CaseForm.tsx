import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  CASE_STATUS_LABEL,
  CaseStatus,
  ECOG_LABEL,
  Mrn,
  Sex,
  SEX_LABEL,
  SITE_CHAPTER_LABEL,
  SiteChapter,
  type CaseRecord,
} from '../../../shared/domain/case';
import { invoke } from '../../api';
import { Field } from '../../components/Field';
import { hrefFor } from '../../router';
import { draftFromRecord, EMPTY_DRAFT, FIELD_PATH, validateDraft, type CaseDraft } from './case-draft';
import { Banner } from '../../components/Banner';

interface CaseFormProps {
  /** The stored case being edited; absent for a new case. */
  record?: CaseRecord;
  onSaved: (record: CaseRecord) => void;
  onCancel?: () => void;
}

type Key = keyof CaseDraft;

export function CaseForm({ record, onSaved, onCancel }: CaseFormProps) {
  const initial = useMemo(() => (record ? draftFromRecord(record) : EMPTY_DRAFT), [record]);
  const [draft, setDraft] = useState<CaseDraft>(initial);
  const [touched, setTouched] = useState<Set<Key>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    setDraft(initial);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
  }, [initial]);

  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(initial), [draft, initial]);
  const localErrors = useMemo(() => validateDraft(draft).errors, [draft]);

  // Leaving the page with unsaved typing asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const errorFor = (key: Key): string | undefined => {
    const path = FIELD_PATH[key];
    if (serverErrors[path]) return serverErrors[path];
    return submitted || touched.has(key) ? localErrors[path] : undefined;
  };

  const set = (key: Key) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setBanner(null);
    if (serverErrors[FIELD_PATH[key]]) setServerErrors(({ [FIELD_PATH[key]]: _gone, ...rest }) => rest);
  };
  const touch = (key: Key) => () => setTouched((t) => new Set(t).add(key));

  async function checkMrn() {
    touch('mrn')();
    if (!Mrn.safeParse(draft.mrn).success) return;
    const result = await invoke('patients:lookupMrn', { mrn: draft.mrn.trim(), exceptCaseId: record?.id });
    if (result.ok && !result.value.available && result.value.owner) {
      const { patientName, caseId } = result.value.owner;
      setServerErrors((e) => ({ ...e, 'patient.mrn': `MRN already belongs to ${patientName} (case ${caseId})` }));
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const { fields, errors } = validateDraft(draft);
    if (!fields) {
      setBanner({ kind: 'error', text: `Not saved: ${Object.keys(errors).length} field(s) need attention.` });
      focusFirstError();
      return;
    }
    setSaving(true);
    const result = record
      ? await invoke('cases:update', { id: record.id, version: record.version, fields })
      : await invoke('cases:create', fields);
    setSaving(false);
    if (result.ok) {
      setBanner({ kind: 'saved', text: 'Saved.' });
      onSaved(result.value);
      return;
    }
    // The form keeps everything typed; only the reason is added.
    const { field, issues, message } = result.error;
    const next: Record<string, string> = {};
    for (const issue of issues ?? []) next[issue.field] = issue.message;
    if (field) next[field] = next[field] ?? message.replace(/^[\w:]+: [\w.]+: /, '');
    setServerErrors(next);
    setBanner({ kind: 'error', text: `Not saved: ${message}` });
    focusFirstError();
  }

  function focusFirstError() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  const text = (
    key: Key,
    label: string,
    opts: { required?: boolean; hint?: string; wide?: boolean; placeholder?: string; type?: string } = {},
  ) => (
    <Field label={label} error={errorFor(key)} hint={opts.hint} required={opts.required} wide={opts.wide}>
      {(p) => (
        <input
          {...p}
          type={opts.type ?? 'text'}
          value={draft[key]}
          placeholder={opts.placeholder}
          onChange={(e) => set(key)(e.target.value)}
          onBlur={key === 'mrn' ? checkMrn : touch(key)}
        />
      )}
    </Field>
  );
  const area = (
    key: Key,
    label: string,
    opts: { required?: boolean; rows?: number; hint?: string; placeholder?: string } = {},
  ) => (
    <Field label={label} error={errorFor(key)} hint={opts.hint} required={opts.required} wide>
      {(p) => (
        <textarea
          {...p}
          rows={opts.rows ?? 3}
          value={draft[key]}
          placeholder={opts.placeholder}
          onChange={(e) => set(key)(e.target.value)}
          onBlur={touch(key)}
        />
      )}
    </Field>
  );
  const select = (
    key: Key,
    label: string,
    options: [string, string][],
    opts: { required?: boolean; placeholder?: string } = {},
  ) => (
    <Field label={label} error={errorFor(key)} required={opts.required}>
      {(p) => (
        <select {...p} value={draft[key]} onChange={(e) => set(key)(e.target.value)} onBlur={touch(key)}>
          {opts.placeholder !== undefined && <option value="">{opts.placeholder}</option>}
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form
      ref={formRef}
      className="case-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={record ? 'Edit case' : 'New case'}
    >
      <div className="case-form__bar">
        <div className="case-form__title">
          <h2>{record ? 'Case record' : 'New case'}</h2>
          {dirty && <span className="unsaved">Unsaved changes</span>}
        </div>
        <div className="case-form__actions">
          {onCancel && (
            <button type="button" className="button button--ghost" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={saving || (!!record && !dirty)}>
            {saving ? 'Saving...' : record ? 'Save changes' : 'Create case'}
          </button>
        </div>
      </div>
      <Banner message={banner}>
        {serverErrors['patient.mrn']?.includes('(case ') && (
          <a
            className="banner__link"
            href={hrefFor({
              name: 'case',
              id: Number(/case (\d+)/.exec(serverErrors['patient.mrn'])?.[1]),
              tab: 'record',
            })}
          >
            Open that case
          </a>
        )}
      </Banner>

      <fieldset>
        <legend>Patient</legend>
        <div className="grid">
          {text('familyName', 'Family name', { required: true })}
          {text('givenNames', 'Given names', { required: true })}
          {text('mrn', 'MRN', { required: true, hint: 'Hospital medical record number; unique per patient' })}
          {text('dateOfBirth', 'Date of birth', { required: true, type: 'date' })}
          {select(
            'sex',
            'Sex',
            Sex.options.map((s) => [s, SEX_LABEL[s]]),
            { required: true, placeholder: 'Choose...' },
          )}
          {select(
            'status',
            'Case status',
            // "Ready" is reached through "Mark ready" on the Clinical tab (the work-up is checked first); a case
            // that is already ready keeps the option so it can stay ready.
            CaseStatus.options
              .filter((s) => s !== 'ready' || record?.status === 'ready')
              .map((s) => [s, CASE_STATUS_LABEL[s]]),
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>Referral</legend>
        <div className="grid">
          {text('consultantName', 'Responsible consultant', {
            required: true,
            placeholder: 'Dr A. Surgeon, sarcoma surgery',
          })}
          {text('consultantContact', 'How to reach them', { required: true, placeholder: 'Bleep, phone or e-mail' })}
          {text('referringHospital', 'Referring hospital', { wide: true })}
        </div>
      </fieldset>

      <fieldset>
        <legend>Tumour</legend>
        <div className="grid">
          {text('tumourSite', 'Tumour site', {
            required: true,
            placeholder: 'e.g. Left retroperitoneum, involving psoas',
          })}
          {select(
            'siteChapter',
            'AJCC site chapter',
            SiteChapter.options.map((s) => [s, SITE_CHAPTER_LABEL[s]]),
            {
              required: true,
              placeholder: 'Choose...',
            },
          )}
          {text('workingDiagnosis', 'Working diagnosis', { required: true, wide: true })}
        </div>
      </fieldset>

      <fieldset>
        <legend>For the board</legend>
        <div className="grid">
          {area('boardQuestion', 'Question for the board', {
            required: true,
            rows: 2,
            placeholder: 'What should the board decide?',
          })}
          {area('clinicalHistory', 'Clinical history', { rows: 6 })}
          {select('ecog', 'ECOG performance status', Object.entries(ECOG_LABEL), { placeholder: 'Not recorded' })}
          {area('comorbidities', 'Comorbidities', { rows: 2 })}
          {area('patientKnowledge', 'What the patient knows', {
            rows: 2,
            placeholder: 'What the patient has been told of the diagnosis',
          })}
        </div>
      </fieldset>
    </form>
  );
}
