import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, useFormContext, useWatch, type FieldErrors, type FieldPath } from 'react-hook-form';
import { findHistotype } from '../../../shared/clinical/histotypes';
import {
  PATHOLOGY_PROCEDURES,
  PROCEDURE_LABEL,
  TUMOUR_DEPTH_LABEL,
  type PathologyReport,
  type TumourDepth,
} from '../../../shared/domain/pathology';
import { useWrite } from '../../data/hooks';
import { useUnsavedGuard } from '../../router';
import { plainMessage, serverFieldErrors } from './clinical-format';
import { HistotypePicker } from './HistotypePicker';
import {
  draftFromReport,
  EMPTY_PATHOLOGY,
  pathologyResolver,
  validatePathology,
  type PathologyDraft,
} from './pathology-draft';
import { CheckField, Group, SelectField, TextAreaField, TextField, useFieldError } from './pathology-fields';
import { FnclccGroup } from './PathologyGrade';
import { IhcGroup, MarginRows, MolecularGroup } from './PathologyRows';

const PROCEDURE_OPTIONS = PATHOLOGY_PROCEDURES.map((p) => [p, PROCEDURE_LABEL[p]] as const);
const AGREEMENT_OPTIONS = [
  ['concordant', 'Concordant'],
  ['minor-discordance', 'Minor discordance'],
  ['major-discordance', 'Major discordance'],
] as const;
const DEPTH_OPTIONS = (Object.keys(TUMOUR_DEPTH_LABEL) as TumourDepth[]).map(
  (d) => [d, TUMOUR_DEPTH_LABEL[d]] as const,
);
const MARGIN_OPTIONS = [
  ['R0', 'R0: no tumour at the margin'],
  ['R1', 'R1: microscopic tumour at the margin'],
  ['R2', 'R2: macroscopic tumour left'],
  ['RX', 'RX: cannot be assessed'],
] as const;

interface PathologyFormProps {
  caseId: number;
  /** The report being edited; absent for a new one. */
  report?: PathologyReport;
  onSaved: () => void;
  onCancel: () => void;
}

const fieldsNeeding = (n: number) => `${n} field${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} attention`;

/** How many fields have a message (errors nest by path: `expertReview.date`, `ihc.0.marker`). */
function countErrors(errors: object): number {
  let n = 0;
  for (const [key, e] of Object.entries(errors)) {
    if (key === 'ref' || !e || typeof e !== 'object') continue; // `ref` is the field's element, not a path
    n += typeof (e as { message?: unknown }).message === 'string' ? 1 : countErrors(e as object);
  }
  return n;
}

/**
 * Add or edit one pathology report, with the FNCLCC grade worked out as the components are typed. React Hook Form
 * holds the draft: errors show once a field is left or the form submitted, and a refused save's reasons land on
 * their fields with everything typed kept.
 */
export function PathologyForm({ caseId, report, onSaved, onCancel }: PathologyFormProps) {
  const initial = useMemo(() => (report ? draftFromReport(report) : EMPTY_PATHOLOGY), [report]);
  const form = useForm<PathologyDraft>({
    defaultValues: initial,
    resolver: pathologyResolver,
    mode: 'onTouched',
  });
  const { control, formState, handleSubmit, setError, subscribe } = form;
  // Any change makes the last "Not saved" out of date.
  useEffect(() => subscribe({ formState: { values: true }, callback: () => setBanner(null) }), [subscribe]);
  const create = useWrite('pathology:create');
  const update = useWrite('pathology:update');
  const [banner, setBanner] = useState<string | null>(null);
  const dirty = formState.isDirty;
  useUnsavedGuard(dirty, 'the pathology report');
  const [histotypeId, histotypeQuery, reviewed] = useWatch({
    control,
    name: ['histotypeId', 'histotypeQuery', 'reviewed'],
  });
  const histotype = findHistotype(histotypeId);
  const freeText = !histotype && histotypeQuery.trim() !== '';

  // Leaving the page with an unsaved report asks first, as the case form does.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = handleSubmit(
    async (draft) => {
      const { fields } = validatePathology(draft);
      if (!fields) return;
      setBanner(null);
      const result = report
        ? await update.mutateAsync({ id: report.id, report: fields })
        : await create.mutateAsync({ caseId, report: fields });
      if (result.ok) return onSaved();
      // Everything typed stays in the form; only the reasons are added, on their fields.
      const serverErrors = Object.entries(serverFieldErrors(result.error, 'report'));
      serverErrors.forEach(([path, message], i) =>
        setError(path as FieldPath<PathologyDraft>, { type: 'server', message }, { shouldFocus: i === 0 }),
      );
      setBanner(`Not saved: ${plainMessage(result.error)}`);
    },
    (errors: FieldErrors<PathologyDraft>) => setBanner(`Not saved: ${fieldsNeeding(countErrors(errors))}.`),
  );

  const title = report ? 'Edit pathology report' : 'New pathology report';
  return (
    <FormProvider {...form}>
      <form className="path-form" onSubmit={(e) => void save(e)} noValidate aria-label={title}>
        <div className="path-form__bar">
          <h3>{title}</h3>
          {dirty && <span className="unsaved">Unsaved changes</span>}
        </div>
        {banner && (
          <div className="banner banner--error" role="alert">
            {banner}
          </div>
        )}

        <Group title="Specimen">
          <div className="grid grid--path">
            <SelectField
              path="procedure"
              label="Procedure"
              options={PROCEDURE_OPTIONS}
              placeholder="Choose..."
              required
            />
            <TextField path="specimenId" label="Specimen ID" placeholder="e.g. H26-04512" />
            <TextField
              path="specimenDate"
              label="Specimen date"
              type="date"
              required
              hint="Date of the biopsy or operation"
            />
            <TextField path="reportDate" label="Report date" type="date" />
            <TextField
              path="laboratory"
              label="Laboratory"
              placeholder="e.g. Regional sarcoma pathology service"
              wide
            />
          </div>
        </Group>

        <Group title="Diagnosis">
          <Histotype />
          {freeText && (
            <div className="grid grid--path">
              <TextField
                path="icdO3"
                label="ICD-O-3 code (optional)"
                placeholder="e.g. 8850/3"
                hint="Only if the report gives one"
              />
            </div>
          )}
        </Group>

        <Group title="Tumour size and depth (specimen)">
          <div className="grid grid--path">
            <TextField
              path="tumourDim1Cm"
              label="Tumour dimension 1 (cm)"
              inputMode="decimal"
              hint="The largest first"
            />
            <TextField path="tumourDim2Cm" label="Tumour dimension 2 (cm)" inputMode="decimal" />
            <TextField path="tumourDim3Cm" label="Tumour dimension 3 (cm)" inputMode="decimal" />
            <SelectField path="depth" label="Depth" options={DEPTH_OPTIONS} placeholder="Not stated" />
          </div>
        </Group>

        <FnclccGroup histotype={histotype} />
        <IhcGroup />
        <MolecularGroup histotype={histotype} />

        <Group title="Margins and treatment effect">
          <div className="grid grid--path">
            <SelectField
              path="marginStatus"
              label="Margin status"
              options={MARGIN_OPTIONS}
              placeholder="Not stated"
              hint="For an excision or resection"
            />
            <div className="field">
              <TextField
                path="closestMarginMm"
                label="Closest margin (mm)"
                inputMode="decimal"
                hint="Left empty, it is taken from the nearest margin listed below when you save"
              />
              <CheckField path="closestMarginLessThan" label='Less than this distance (the report says "< ...")' />
            </div>
          </div>
          <MarginRows />
          <div className="grid grid--path">
            <TextAreaField
              path="treatmentEffect"
              label="Treatment effect"
              rows={2}
              hint="After neoadjuvant therapy, e.g. % viable tumour, hyalinisation"
            />
          </div>
        </Group>

        <Group title="Expert central review">
          <CheckField
            path="reviewed"
            label="Reviewed by a sarcoma-expert pathologist"
            hint="Among the reports that state a histotype or a grade, the latest reviewed one drives grade and stage"
          />
          {reviewed && (
            <div className="grid grid--path">
              <TextField
                path="expertReview.by"
                label="Reviewed by"
                required
                placeholder="e.g. Dr R. Osei, sarcoma pathology"
              />
              <TextField path="expertReview.date" label="Review date" type="date" required />
              <SelectField
                path="expertReview.agreement"
                label="Agreement with the original report"
                options={AGREEMENT_OPTIONS}
                placeholder="Choose..."
                required
              />
            </div>
          )}
        </Group>

        <Group title="Report text">
          <TextAreaField
            path="reportText"
            label="Report text"
            rows={5}
            placeholder="Paste or type the report's microscopy and conclusion"
          />
        </Group>

        <div className="path-form__actions">
          <ErrorCount />
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Saving...' : 'Save report'}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

/** The histotype type-ahead: it sets the box's text and the catalogue id together. */
function Histotype() {
  const { control, setValue, trigger, formState } = useFormContext<PathologyDraft>();
  const [query, histotypeId] = useWatch({ control, name: ['histotypeQuery', 'histotypeId'] });
  // The schema names a catalogue id it does not know, or a histotype given both ways ('histotypeText').
  const idError = useFieldError('histotypeId');
  const textError = useFieldError('histotypeText');
  return (
    <HistotypePicker
      query={query}
      histotypeId={histotypeId}
      error={idError ?? textError}
      onBlur={() => void trigger(['histotypeId', 'histotypeText'] as FieldPath<PathologyDraft>[])}
      onChange={({ query, histotypeId }) => {
        const opts = { shouldDirty: true, shouldValidate: formState.isSubmitted };
        setValue('histotypeQuery', query, opts);
        setValue('histotypeId', histotypeId, opts);
      }}
    />
  );
}

/** "2 fields to check" beside the save button once a save was tried. */
function ErrorCount() {
  const { formState } = useFormContext<PathologyDraft>();
  const count = formState.isSubmitted ? countErrors(formState.errors) : 0;
  if (!count) return null;
  return (
    <span className="field__error">
      {count} field{count === 1 ? '' : 's'} to check
    </span>
  );
}
