import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { findHistotype } from '../../../shared/clinical/histotypes';
import { PATHOLOGY_PROCEDURES, PROCEDURE_LABEL, type PathologyReport } from '../../../shared/domain/pathology';
import { invoke } from '../../api';
import { Field } from '../../components/Field';
import { humanReason, plainMessage, serverFieldErrors } from './clinical-format';
import { HistotypePicker } from './HistotypePicker';
import { draftFromReport, EMPTY_PATHOLOGY, liveGrade, validatePathology, type PathologyDraft } from './pathology-draft';

const IHC_MARKERS = [
  'Desmin',
  'SMA',
  'h-Caldesmon',
  'MDM2',
  'CDK4',
  'S100',
  'SOX10',
  'CD34',
  'ERG',
  'CD31',
  'MyoD1',
  'Myogenin',
  'STAT6',
  'TLE1',
  'INI1 (SMARCB1)',
  'Pan-cytokeratin',
  'EMA',
  'Ki-67',
  'beta-catenin',
  'ALK',
];
const MOLECULAR_TESTS = [
  'MDM2 amplification (FISH)',
  'CDK4 amplification (FISH)',
  'DDIT3 rearrangement (FISH)',
  'SS18 rearrangement (FISH)',
  'EWSR1 rearrangement (FISH)',
  'FOXO1 rearrangement (FISH)',
  'NGS fusion panel (RNA)',
];
const AGREEMENT_LABEL = {
  concordant: 'Concordant',
  'minor-discordance': 'Minor discordance',
  'major-discordance': 'Major discordance',
} as const;
const MARGIN_LABEL = {
  R0: 'R0: no tumour at the margin',
  R1: 'R1: microscopic tumour at the margin',
  R2: 'R2: macroscopic tumour left',
  RX: 'RX: cannot be assessed',
} as const;

interface PathologyFormProps {
  caseId: number;
  /** The report being edited; absent for a new one. */
  report?: PathologyReport;
  onSaved: () => void;
  onCancel: () => void;
}

/** Add or edit one pathology report, with the FNCLCC grade worked out as the components are typed. */
export function PathologyForm({ caseId, report, onSaved, onCancel }: PathologyFormProps) {
  const initial = useMemo(() => (report ? draftFromReport(report) : EMPTY_PATHOLOGY), [report]);
  const [draft, setDraft] = useState<PathologyDraft>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const { errors: localErrors } = useMemo(() => validatePathology(draft), [draft]);
  const grade = useMemo(() => liveGrade(draft), [draft]);
  const histotype = findHistotype(draft.histotypeId);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);

  // Leaving the page with an unsaved report asks first, as the case form does.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const errorFor = (path: string) =>
    serverErrors[path] ?? (submitted || touched.has(path) ? localErrors[path] : undefined);
  const touch = (path: string) => () => setTouched((t) => new Set(t).add(path));
  function update(patch: Partial<PathologyDraft>, paths: string[] = []) {
    setDraft((d) => ({ ...d, ...patch }));
    setBanner(null);
    if (paths.some((p) => serverErrors[p]))
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.includes(k))));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const { fields, errors } = validatePathology(draft);
    if (!fields) {
      setBanner(
        `Not saved: ${Object.keys(errors).length} field${Object.keys(errors).length === 1 ? '' : 's'} need${Object.keys(errors).length === 1 ? 's' : ''} attention.`,
      );
      focusFirstError();
      return;
    }
    setSaving(true);
    const result = report
      ? await invoke('pathology:update', { id: report.id, report: fields })
      : await invoke('pathology:create', { caseId, report: fields });
    setSaving(false);
    if (result.ok) return onSaved();
    // Everything typed stays in the form; only the reason is added.
    setServerErrors(serverFieldErrors(result.error, 'report'));
    setBanner(`Not saved: ${plainMessage(result.error)}`);
    focusFirstError();
  }

  function focusFirstError() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  const text = (
    key: keyof PathologyDraft,
    path: string,
    label: string,
    opts: {
      type?: string;
      hint?: string;
      placeholder?: string;
      inputMode?: 'decimal' | 'numeric';
      required?: boolean;
      wide?: boolean;
    } = {},
  ) => (
    <Field label={label} error={errorFor(path)} hint={opts.hint} required={opts.required} wide={opts.wide}>
      {(p) => (
        <input
          {...p}
          type={opts.type ?? 'text'}
          inputMode={opts.inputMode}
          placeholder={opts.placeholder}
          value={draft[key] as string}
          onChange={(e) => update({ [key]: e.target.value } as Partial<PathologyDraft>, [path])}
          onBlur={touch(path)}
        />
      )}
    </Field>
  );
  const select = (
    key: keyof PathologyDraft,
    path: string,
    label: string,
    options: [string, string][],
    opts: { placeholder?: string; hint?: string; required?: boolean } = {},
  ) => (
    <Field label={label} error={errorFor(path)} hint={opts.hint} required={opts.required}>
      {(p) => (
        <select
          {...p}
          value={draft[key] as string}
          onChange={(e) => update({ [key]: e.target.value } as Partial<PathologyDraft>, [path])}
          onBlur={touch(path)}
        >
          {opts.placeholder !== undefined && <option value="">{opts.placeholder}</option>}
          {options.map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const check = (key: 'neoadjuvant' | 'closestMarginLessThan' | 'reviewed', label: string, hint?: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={draft[key]}
        onChange={(e) => update({ [key]: e.target.checked } as Partial<PathologyDraft>)}
      />
      <span>
        {label}
        {hint && <span className="check__hint">{hint}</span>}
      </span>
    </label>
  );

  const catalogueScore = histotype?.differentiationScore ?? null;
  const showRoundCell = Boolean(histotype?.myxoidRoundCellLps) || draft.roundCell.trim() !== '';
  const errorCount = submitted ? Object.keys({ ...localErrors, ...serverErrors }).length : 0;

  return (
    <form
      ref={formRef}
      className="path-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={report ? 'Edit pathology report' : 'New pathology report'}
    >
      <div className="path-form__bar">
        <h3>{report ? 'Edit pathology report' : 'New pathology report'}</h3>
        {dirty && <span className="unsaved">Unsaved changes</span>}
      </div>
      {banner && (
        <div className="banner banner--error" role="alert">
          {banner}
        </div>
      )}

      <Group title="Specimen">
        <div className="grid grid--path">
          {select(
            'procedure',
            'procedure',
            'Procedure',
            PATHOLOGY_PROCEDURES.map((p) => [p, PROCEDURE_LABEL[p]]),
            { placeholder: 'Choose...', required: true },
          )}
          {text('specimenId', 'specimenId', 'Specimen ID', { placeholder: 'e.g. H26-04512' })}
          {text('specimenDate', 'specimenDate', 'Specimen date', {
            type: 'date',
            required: true,
            hint: 'Date of the biopsy or operation',
          })}
          {text('reportDate', 'reportDate', 'Report date', { type: 'date' })}
          {text('laboratory', 'laboratory', 'Laboratory', {
            placeholder: 'e.g. Regional sarcoma pathology service',
            wide: true,
          })}
        </div>
      </Group>

      <Group title="Diagnosis">
        <HistotypePicker
          query={draft.histotypeQuery}
          histotypeId={draft.histotypeId}
          error={errorFor('histotypeId') ?? errorFor('histotypeText')}
          onBlur={touch('histotypeText')}
          onChange={({ query, histotypeId }) =>
            update({ histotypeQuery: query, histotypeId }, ['histotypeId', 'histotypeText', 'icdO3'])
          }
        />
        {!histotype && draft.histotypeQuery.trim() !== '' && (
          <div className="grid grid--path">
            {text('icdO3', 'icdO3', 'ICD-O-3 code (optional)', {
              placeholder: 'e.g. 8850/3',
              hint: 'Only if the report gives one',
            })}
          </div>
        )}
      </Group>

      <Group title="FNCLCC grade">
        <div className="fnclcc">
          <div className="grid grid--path">
            {select(
              'differentiation',
              'differentiation',
              'Differentiation score',
              [
                ['1', '1: closely resembles normal adult tissue'],
                ['2', '2: histologic type certain'],
                ['3', '3: embryonal, undifferentiated or type uncertain'],
              ],
              {
                placeholder: catalogueScore ? `From the catalogue: ${catalogueScore}` : 'Not entered',
                hint: catalogueScore
                  ? `PDQ Table 4 gives ${catalogueScore} for ${histotype!.name}`
                  : histotype
                    ? `${histotype.name} is not in PDQ Table 4: enter the score from the report`
                    : 'Choose a catalogue histotype to prefill it',
              },
            )}
            {text('mitoses', 'mitosesPer10Hpf', 'Mitoses per 10 HPF', {
              inputMode: 'numeric',
              hint: 'Most active area',
            })}
            {text('necrosis', 'necrosisPercent', 'Tumour necrosis (%)', { inputMode: 'decimal', hint: '0 if none' })}
            {showRoundCell &&
              text('roundCell', 'roundCellPercent', 'Round-cell component (%)', {
                inputMode: 'decimal',
                hint: 'Myxoid liposarcoma: > 5% is high grade',
              })}
            {select(
              'reportedGrade',
              'reportedGrade',
              'Grade stated in the report',
              [
                ['G1', 'G1'],
                ['G2', 'G2'],
                ['G3', 'G3'],
                ['GX', 'GX'],
              ],
              {
                placeholder: 'Not stated',
                hint: 'Used only while the components are not recorded',
              },
            )}
          </div>
          {check(
            'neoadjuvant',
            'Neoadjuvant therapy was given before this specimen',
            'FNCLCC grading does not apply after neoadjuvant therapy',
          )}
          <LiveGrade grade={grade} draft={draft} />
        </div>
      </Group>

      <Group title="Immunohistochemistry">
        {draft.ihc.length > 0 && (
          <div className="rows">
            {draft.ihc.map((row, i) => (
              <div className="row row--ihc" key={i}>
                <Field label={`Marker ${i + 1}`} error={errorFor(`ihc.${i}.marker`)}>
                  {(p) => (
                    <input
                      {...p}
                      list="ihc-markers"
                      value={row.marker}
                      placeholder="e.g. Desmin"
                      onChange={(e) =>
                        update({ ihc: draft.ihc.map((r, j) => (j === i ? { ...r, marker: e.target.value } : r)) }, [
                          `ihc.${i}.marker`,
                        ])
                      }
                      onBlur={touch(`ihc.${i}.marker`)}
                    />
                  )}
                </Field>
                <Field label={`Result ${i + 1}`} error={errorFor(`ihc.${i}.result`)}>
                  {(p) => (
                    <select
                      {...p}
                      value={row.result}
                      onChange={(e) =>
                        update(
                          {
                            ihc: draft.ihc.map((r, j) =>
                              j === i ? { ...r, result: e.target.value as typeof r.result } : r,
                            ),
                          },
                          [`ihc.${i}.result`],
                        )
                      }
                      onBlur={touch(`ihc.${i}.result`)}
                    >
                      <option value="">Choose...</option>
                      <option value="positive">Positive</option>
                      <option value="negative">Negative</option>
                      <option value="focal">Focal</option>
                      <option value="equivocal">Equivocal</option>
                    </select>
                  )}
                </Field>
                <Field label={`Note ${i + 1}`} error={errorFor(`ihc.${i}.note`)}>
                  {(p) => (
                    <input
                      {...p}
                      value={row.note}
                      placeholder="e.g. diffuse"
                      onChange={(e) =>
                        update({ ihc: draft.ihc.map((r, j) => (j === i ? { ...r, note: e.target.value } : r)) })
                      }
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="button button--ghost row__remove"
                  aria-label={`Remove marker ${i + 1}`}
                  onClick={() => update({ ihc: draft.ihc.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
              </div>
            ))}
          </div>
        )}
        <datalist id="ihc-markers">
          {IHC_MARKERS.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <button
          type="button"
          className="button button--small"
          onClick={() => update({ ihc: [...draft.ihc, { marker: '', result: '', note: '' }] })}
        >
          Add immunostain
        </button>
      </Group>

      <Group title="Molecular">
        {draft.molecular.length > 0 && (
          <div className="rows">
            {draft.molecular.map((row, i) => (
              <div className="row row--mol" key={i}>
                <Field label={`Test ${i + 1}`} error={errorFor(`molecular.${i}.test`)}>
                  {(p) => (
                    <input
                      {...p}
                      list="molecular-tests"
                      value={row.test}
                      placeholder="e.g. MDM2 amplification (FISH)"
                      onChange={(e) =>
                        update(
                          { molecular: draft.molecular.map((r, j) => (j === i ? { ...r, test: e.target.value } : r)) },
                          [`molecular.${i}.test`],
                        )
                      }
                      onBlur={touch(`molecular.${i}.test`)}
                    />
                  )}
                </Field>
                <Field label={`Finding ${i + 1}`} error={errorFor(`molecular.${i}.result`)}>
                  {(p) => (
                    <input
                      {...p}
                      value={row.result}
                      placeholder="e.g. amplified"
                      onChange={(e) =>
                        update({
                          molecular: draft.molecular.map((r, j) => (j === i ? { ...r, result: e.target.value } : r)),
                        })
                      }
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="button button--ghost row__remove"
                  aria-label={`Remove test ${i + 1}`}
                  onClick={() => update({ molecular: draft.molecular.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
              </div>
            ))}
          </div>
        )}
        <datalist id="molecular-tests">
          {MOLECULAR_TESTS.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <div className="row-actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => update({ molecular: [...draft.molecular, { test: '', result: '' }] })}
          >
            Add molecular result
          </button>
          {histotype?.needsMdm2 && !draft.molecular.some((m) => /mdm2/i.test(m.test)) && (
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() =>
                update({ molecular: [...draft.molecular, { test: 'MDM2 amplification (FISH)', result: '' }] })
              }
            >
              + MDM2 FISH (needed for {histotype.name.toLowerCase()})
            </button>
          )}
        </div>
      </Group>

      <Group title="Margins and treatment effect">
        <div className="grid grid--path">
          {select('marginStatus', 'marginStatus', 'Margin status', Object.entries(MARGIN_LABEL), {
            placeholder: 'Not stated',
            hint: 'For an excision or resection',
          })}
          <div className="field">
            {text('closestMarginMm', 'closestMarginMm', 'Closest margin (mm)', { inputMode: 'decimal' })}
            {check('closestMarginLessThan', 'Less than this distance (the report says "< ...")')}
          </div>
          <Field
            label="Treatment effect"
            error={errorFor('treatmentEffect')}
            wide
            hint="After neoadjuvant therapy, e.g. % viable tumour, hyalinisation"
          >
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={draft.treatmentEffect}
                onChange={(e) => update({ treatmentEffect: e.target.value })}
              />
            )}
          </Field>
        </div>
      </Group>

      <Group title="Expert central review">
        {check(
          'reviewed',
          'Reviewed by a sarcoma-expert pathologist',
          'The latest reviewed report drives grade and stage',
        )}
        {draft.reviewed && (
          <div className="grid grid--path">
            {text('reviewBy', 'expertReview.by', 'Reviewed by', {
              required: true,
              placeholder: 'e.g. Dr R. Osei, sarcoma pathology',
            })}
            {text('reviewDate', 'expertReview.date', 'Review date', { type: 'date', required: true })}
            {select(
              'reviewAgreement',
              'expertReview.agreement',
              'Agreement with the original report',
              Object.entries(AGREEMENT_LABEL),
              { placeholder: 'Choose...', required: true },
            )}
          </div>
        )}
      </Group>

      <Group title="Report text">
        <Field label="Report text" error={errorFor('reportText')} wide>
          {(p) => (
            <textarea
              {...p}
              rows={5}
              value={draft.reportText}
              placeholder="Paste or type the report's microscopy and conclusion"
              onChange={(e) => update({ reportText: e.target.value })}
            />
          )}
        </Field>
      </Group>

      <div className="path-form__actions">
        {errorCount > 0 && (
          <span className="field__error">
            {errorCount} field{errorCount === 1 ? '' : 's'} to check
          </span>
        )}
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving...' : 'Save report'}
        </button>
      </div>
    </form>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="path-group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

const COMPONENT_TEXT = {
  differentiation: (d: PathologyDraft, v: number | null, fromCatalogue: boolean) =>
    v === null ? 'not entered' : fromCatalogue && d.differentiation === '' ? 'from the catalogue' : 'entered',
  mitoses: (d: PathologyDraft) => (d.mitoses.trim() === '' ? 'not entered' : `${d.mitoses.trim()} per 10 HPF`),
  necrosis: (d: PathologyDraft) => (d.necrosis.trim() === '' ? 'not entered' : `${d.necrosis.trim()}%`),
};

/** The grade as it stands with what is typed: components, total and the reason, updated on every keystroke. */
function LiveGrade({ grade, draft }: { grade: ReturnType<typeof liveGrade>; draft: PathologyDraft }) {
  const c = grade.components;
  const shown = grade.reportedUsed ? draft.reportedGrade : grade.grade;
  return (
    <div
      className={`live-grade live-grade--${shown === 'GX' ? 'gx' : 'graded'}`}
      role="status"
      aria-live="polite"
      aria-label="FNCLCC grade as typed"
    >
      <div className="live-grade__code">
        <span className="live-grade__label">FNCLCC</span>
        <span className="grade-code" data-testid="live-grade">
          {shown}
        </span>
      </div>
      <div className="live-grade__body">
        <div className="score-row">
          <Score
            label="Differentiation"
            value={c.differentiation}
            note={COMPONENT_TEXT.differentiation(draft, c.differentiation, true)}
          />
          <span className="score-row__op">+</span>
          <Score label="Mitoses" value={c.mitoses} note={COMPONENT_TEXT.mitoses(draft)} />
          <span className="score-row__op">+</span>
          <Score label="Necrosis" value={c.necrosis} note={COMPONENT_TEXT.necrosis(draft)} />
          <span className="score-row__op">=</span>
          <Score label="Total" value={grade.score} note="2-3 G1 · 4-5 G2 · 6-8 G3" strong />
        </div>
        <p className="live-grade__reason">
          {grade.reportedUsed
            ? `${draft.reportedGrade} as stated in the report, used while the components are incomplete. `
            : ''}
          {humanReason(grade.reason)}
        </p>
      </div>
    </div>
  );
}

function Score({
  label,
  value,
  note,
  strong,
}: {
  label: string;
  value: number | null;
  note: string;
  strong?: boolean;
}) {
  return (
    <div className={`score${strong ? ' score--total' : ''}${value === null ? ' score--empty' : ''}`}>
      <span className="score__label">{label}</span>
      <span className="score__value">{value ?? '–'}</span>
      <span className="score__note">{note}</span>
    </div>
  );
}
