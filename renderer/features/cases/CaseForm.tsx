import { useEffect, useRef, useState } from 'react';
import { get, useForm, type FieldErrors, type Path } from 'react-hook-form';
import {
  CASE_STATUS_LABEL,
  CaseStatus,
  ECOG_LABEL,
  EPISODE_KIND_LABEL,
  EpisodeKind,
  Mrn,
  QUESTION_KIND_LABEL,
  QuestionKind,
  Sex,
  SEX_LABEL,
  SITE_CHAPTER_LABEL,
  SiteChapter,
  type CaseFields,
  type CaseRecord,
} from '../../../shared/domain/case';
import { patientDifferences, type MrnPatient, type PatientDifference } from '../../../shared/domain/episode';
import { dayMonthYear, localIsoDate } from '../../../shared/dates';
import { birthDateWarnings } from '../../../shared/domain/plausibility';
import { PlausibilityNotes } from '../../components/PlausibilityNotes';
import { invoke } from '../../api';
import { Field } from '../../components/Field';
import { useRead, useWrite } from '../../data/hooks';
import { EpisodeOffer } from './EpisodeOffer';
import { hrefFor, useUnsavedGuard } from '../../router';
import { caseResolver, draftFromRecord, EMPTY_DRAFT, type CaseDraft } from './case-draft';
import { Banner } from '../../components/Banner';

interface CaseFormProps {
  /** The stored case being edited; absent for a new case. */
  record?: CaseRecord;
  onSaved: (record: CaseRecord) => void;
  onCancel?: () => void;
}

/** A field of the form, named by its contract path (`patient.mrn`). */
type Key = Exclude<Path<CaseDraft>, 'patient'>;

/** How many fields an error tree names (the patient's fields are nested). */
function errorCount(errors: object): number {
  return Object.values(errors as Record<string, unknown>).reduce<number>(
    (n, e) => n + (e && typeof e === 'object' ? ('type' in e && 'message' in e ? 1 : errorCount(e)) : 0),
    0,
  );
}

/**
 * The case record's form. React Hook Form keeps the typed draft, what was touched and the refusals; a field shows its
 * error once it has been left or the form submitted ('onTouched'). The save goes through the data layer, so the
 * case list and the case page refetch what it changed.
 */
export function CaseForm({ record, onSaved, onCancel }: CaseFormProps) {
  const {
    register,
    handleSubmit,
    getValues,
    setValue,
    getFieldState,
    watch,
    setError,
    clearErrors,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<CaseDraft, unknown, CaseFields>({
    // The page remounts the form when the stored case changes (its version), so the defaults are read once.
    defaultValues: record ? draftFromRecord(record) : EMPTY_DRAFT,
    resolver: caseResolver,
    mode: 'onTouched',
    shouldFocusError: false,
  });
  const create = useWrite('cases:create');
  const update = useWrite('cases:update');
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // A new case whose MRN is on record: the patient it belongs to, and whether the user chose a new episode of them.
  const [onRecord, setOnRecord] = useState<MrnPatient | null>(null);
  const [episodeOf, setEpisodeOf] = useState<MrnPatient | null>(null);
  const [differences, setDifferences] = useState<PatientDifference[]>([]);
  // An existing case: how many episodes share its patient (their demographics are one row).
  const { data: episodes } = useRead('cases:episodes', { caseId: record?.id ?? 0 }, { enabled: !!record });
  // Navigating to another case or screen with unsaved typing asks first (renderer/router.ts).
  useUnsavedGuard(isDirty, record ? 'the case details' : 'the new case');

  // Leaving the page with unsaved typing asks first.
  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const errorFor = (key: Key): string | undefined => (get(errors, key) as { message?: string } | undefined)?.message;

  /** Typing clears the banner, and a refusal from the host on that field (the check of the new value follows). */
  const field = (key: Key) =>
    register(key, {
      onChange: () => {
        setBanner(null);
        if (getFieldState(key).error?.type === 'server') clearErrors(key);
        // Choosing a new episode named what differs from the record; typing there says it again.
        if (episodeOf && key !== 'patient.mrn' && key.startsWith('patient.')) markDifferences(episodeOf);
      },
      onBlur: key === 'patient.mrn' ? () => void checkMrn() : undefined,
    });

  /**
   * Leaving the MRN asks the host whether a patient already has it. Editing a case, another patient's MRN is an
   * error; on a new case it is the offer of a new episode of that patient.
   */
  async function checkMrn() {
    const mrn = getValues('patient.mrn');
    if (!Mrn.safeParse(mrn).success) return;
    const result = await invoke('patients:lookupMrn', { mrn: mrn.trim(), exceptCaseId: record?.id });
    if (!result.ok) return;
    const { available, owner, patient } = result.value;
    if (record) {
      if (!available && owner)
        setError('patient.mrn', {
          type: 'server',
          message: `MRN already belongs to ${owner.patientName}, another patient (case ${owner.caseId})`,
        });
      return;
    }
    if (episodeOf && patient?.id === episodeOf.id) return;
    setEpisodeOf(null);
    setDifferences([]);
    setOnRecord(patient);
    if (patient)
      setError('patient.mrn', {
        type: 'server',
        message: `MRN already belongs to ${patient.name} (born ${dayMonthYear(patient.dateOfBirth)}): create a new episode of that patient, or correct the MRN`,
      });
  }

  const PATIENT_KEYS = ['familyName', 'givenNames', 'dateOfBirth', 'sex'] as const;

  /**
   * What the form's patient fields say differently from the record, named in the offer (not as field errors: the
   * form's own check clears those when a field is left, and the host refuses the difference anyway).
   */
  function markDifferences(patient: MrnPatient) {
    const typed = getValues('patient');
    setDifferences(patientDifferences(patient, { ...typed, sex: typed.sex || ('' as never) }));
  }

  /** "New episode for DOE, Jane": empty patient fields take the record's values; differing ones are named. */
  function chooseEpisode() {
    if (!onRecord) return;
    for (const key of PATIENT_KEYS)
      if (getValues(`patient.${key}`) === '') setValue(`patient.${key}`, onRecord[key], { shouldDirty: true });
    clearErrors('patient.mrn');
    setEpisodeOf(onRecord);
    markDifferences(onRecord);
    setBanner(null);
  }

  function useRecordDetails() {
    if (!episodeOf) return;
    for (const key of PATIENT_KEYS) setValue(`patient.${key}`, episodeOf[key], { shouldDirty: true });
    markDifferences(episodeOf);
  }

  function notThisPatient() {
    setEpisodeOf(null);
    setDifferences([]);
    for (const key of PATIENT_KEYS)
      if (getFieldState(`patient.${key}`).error?.type === 'server') clearErrors(`patient.${key}`);
    void checkMrn();
  }

  async function save(fields: CaseFields) {
    const result = record
      ? await update.mutateAsync({ id: record.id, version: record.version, fields })
      : await create.mutateAsync(episodeOf ? { ...fields, patientId: episodeOf.id } : fields);
    if (result.ok) {
      setBanner({ kind: 'saved', text: 'Saved.' });
      onSaved(result.value);
      return;
    }
    // The form keeps everything typed; only the reason is added, on the field the host names.
    const { field, issues, message } = result.error;
    const next: Record<string, string> = {};
    for (const issue of issues ?? []) next[issue.field] ??= issue.message;
    if (field) next[field] ??= message.replace(/^[\w:]+: [\w.]+: /, '');
    for (const [path, text] of Object.entries(next)) setError(path as Key, { type: 'server', message: text });
    setBanner({ kind: 'error', text: `Not saved: ${message}` });
    // An MRN on record (someone created the patient meanwhile, or the MRN was never left): offer the episode.
    if (!record && field === 'patient.mrn') void checkMrn();
    focusFirstError();
  }

  function refused(invalid: FieldErrors<CaseDraft>) {
    setBanner({ kind: 'error', text: `Not saved: ${errorCount(invalid)} field(s) need attention.` });
    focusFirstError();
  }

  function focusFirstError() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  const mrnOwner = record && errorFor('patient.mrn')?.includes('(case ') ? errorFor('patient.mrn') : undefined;
  const episodeCount = episodes?.count ?? 1;

  const text = (
    key: Key,
    label: string,
    opts: { required?: boolean; hint?: string; wide?: boolean; placeholder?: string; type?: string } = {},
  ) => (
    <Field label={label} error={errorFor(key)} hint={opts.hint} required={opts.required} wide={opts.wide}>
      {(p) => <input {...p} {...field(key)} type={opts.type ?? 'text'} placeholder={opts.placeholder} />}
    </Field>
  );
  const area = (
    key: Key,
    label: string,
    opts: { required?: boolean; rows?: number; hint?: string; placeholder?: string } = {},
  ) => (
    <Field label={label} error={errorFor(key)} hint={opts.hint} required={opts.required} wide>
      {(p) => <textarea {...p} {...field(key)} rows={opts.rows ?? 3} placeholder={opts.placeholder} />}
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
        <select {...p} {...field(key)}>
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
      onSubmit={(e) => void handleSubmit(save, refused)(e)}
      noValidate
      aria-label={record ? 'Edit case' : 'New case'}
    >
      <div className="case-form__bar">
        <div className="case-form__title">
          <h2>{record ? 'Case record' : 'New case'}</h2>
          {isDirty && <span className="unsaved">Unsaved changes</span>}
        </div>
        <div className="case-form__actions">
          {onCancel && (
            <button type="button" className="button button--ghost" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={isSubmitting || (!!record && !isDirty)}>
            {isSubmitting ? 'Saving...' : record ? 'Save changes' : 'Create case'}
          </button>
        </div>
      </div>
      <Banner message={banner}>
        {mrnOwner && (
          <a
            className="banner__link"
            href={hrefFor({ name: 'case', id: Number(/case (\d+)/.exec(mrnOwner)?.[1]), tab: 'record' })}
          >
            Open that case
          </a>
        )}
      </Banner>

      <fieldset>
        <legend>Patient</legend>
        {record && episodeCount > 1 && (
          <p className="muted small episode-note">
            This patient has {episodeCount} episodes: changes to the name, MRN, date of birth or sex apply to all{' '}
            {episodeCount} episodes.
          </p>
        )}
        <div className="grid">
          {text('patient.familyName', 'Family name', { required: true })}
          {text('patient.givenNames', 'Given names', { required: true })}
          {text('patient.mrn', 'MRN', { required: true, hint: 'Hospital medical record number; unique per patient' })}
          <Field label="Date of birth" error={errorFor('patient.dateOfBirth')} required>
            {(p) => (
              <>
                <input {...p} {...field('patient.dateOfBirth')} type="date" />
                {/* Saved as typed: a warning, never a refusal (shared/domain/plausibility.ts). */}
                <PlausibilityNotes warnings={birthDateWarnings(watch('patient.dateOfBirth') ?? '', localIsoDate())} />
              </>
            )}
          </Field>
          {select(
            'patient.sex',
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
        {!record && onRecord && (
          <EpisodeOffer
            patient={onRecord}
            chosen={episodeOf !== null}
            differences={differences}
            onChoose={chooseEpisode}
            onUseRecord={useRecordDetails}
            onCancel={notThisPatient}
          />
        )}
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
          {select(
            'episodeKind',
            'Episode',
            EpisodeKind.options.map((k) => [k, EPISODE_KIND_LABEL[k]]),
            { required: true },
          )}
          <Field
            label="Board question kind"
            error={errorFor('questionKind')}
            hint="Shapes the work-up checklist (e.g. a post-operative question needs the resection margins)"
            required
          >
            {(p) => (
              <select {...p} {...field('questionKind')}>
                {QuestionKind.options.map((k) => (
                  <option key={k} value={k}>
                    {QUESTION_KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
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
