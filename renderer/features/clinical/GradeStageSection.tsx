import { useEffect, useMemo, useState } from 'react';
import { stageSoftTissueSarcoma, type StagingSite, type TOverride } from '../../../shared/clinical/staging';
import {
  stageGroupShort,
  stageGroupText,
  stageLineText,
  tSourceText,
  type StageLineLike,
} from '../../../shared/clinical/stage-text';
import { readableDates } from '../../../shared/dates';
import { SITE_CHAPTER_LABEL, type SiteChapter } from '../../../shared/domain/case';
import { StagingInputsInput, type ClinicalSummary, type StagingInputs } from '../../../shared/domain/clinical';
import { Field } from '../../components/Field';
import { useWrite } from '../../data/hooks';
import { useUnsavedGuard } from '../../router';
import { Options, SaveBar, SectionHead } from './clinical-controls';
import { humanReason, plainMessage, serverFieldErrors } from './clinical-format';
import { num } from './pathology-draft';
import { Banner } from '../../components/Banner';

/** T categories a site chapter defines by anatomical extent (reference "T by site chapter"); the rest come from size. */
const EXTENT_T: Record<StagingSite, [TOverride, string][]> = {
  'trunk-extremity': [
    ['T0', 'T0: no evidence of primary tumour'],
    ['TX', 'TX: cannot be assessed'],
  ],
  retroperitoneum: [
    ['T0', 'T0: no evidence of primary tumour'],
    ['TX', 'TX: cannot be assessed'],
  ],
  'head-and-neck': [
    ['T4a', 'T4a: orbit, skull base/dura, central compartment viscera, facial skeleton, pterygoid muscles'],
    ['T4b', 'T4b: brain parenchyma, carotid encasement, prevertebral muscle, CNS via perineural spread'],
    ['TX', 'TX: cannot be assessed'],
  ],
  visceral: [
    ['T1', 'T1: confined to the organ'],
    ['T2', 'T2: beyond the organ'],
    ['T2a', 'T2a: invades serosa or visceral peritoneum'],
    ['T2b', 'T2b: beyond the serosa (mesentery)'],
    ['T3', 'T3: invades another organ'],
    ['T4', 'T4: multifocal'],
    ['T4a', 'T4a: multifocal, 2 sites'],
    ['T4b', 'T4b: multifocal, 3-5 sites'],
    ['T4c', 'T4c: multifocal, > 5 sites'],
    ['TX', 'TX: cannot be assessed'],
  ],
};

const PREFIX_LABEL = {
  c: 'c: clinical',
  p: 'p: pathological',
  y: 'yc: clinical, after neoadjuvant therapy',
  r: 'r: recurrence',
} as const;
const N_LABEL = {
  NX: 'Not known (counted as N0)',
  N0: 'N0: no regional nodes',
  N1: 'N1: regional nodal metastasis',
} as const;
const M_LABEL = { M0: 'M0: no distant metastasis', M1: 'M1: distant metastasis' } as const;

interface Draft {
  prefix: StagingInputs['prefix'];
  N: StagingInputs['N'];
  M: StagingInputs['M'];
  tOverride: TOverride | '';
  sizeOverride: string;
  sizeReason: string;
  note: string;
}

function draftOf(i: StagingInputs): Draft {
  return {
    prefix: i.prefix,
    N: i.N,
    M: i.M,
    tOverride: i.tOverride ?? '',
    sizeOverride: i.sizeOverrideCm === null ? '' : String(i.sizeOverrideCm),
    sizeReason: i.sizeOverrideReason,
    note: i.note,
  };
}

function inputOf(d: Draft) {
  const size = num(d.sizeOverride);
  return {
    prefix: d.prefix,
    N: d.N,
    M: d.M,
    tOverride: d.tOverride || null,
    sizeOverrideCm: size,
    sizeOverrideReason: size === null ? '' : d.sizeReason,
    note: d.note,
  };
}

const SIZE_KIND = { lesion: 'Size from lesion', override: 'Size typed by hand', none: 'No size' } as const;

/** Grade (with its components and reason) and the AJCC 8th stage (with the table row and where the size came from). */
export function GradeStageSection({
  caseId,
  siteChapter,
  summary,
}: {
  caseId: number;
  siteChapter: SiteChapter;
  summary: ClinicalSummary;
}) {
  const { grade, stage } = summary;
  return (
    <section className="clin-section" aria-labelledby="clin-stage">
      <SectionHead
        id="clin-stage"
        title="Grade and stage"
        sub={
          siteChapter === 'other'
            ? 'FNCLCC grade from the report that drives it. No AJCC sarcoma staging: the site is outside the sarcoma chapters.'
            : `FNCLCC grade from the report that drives it; AJCC 8th edition, ${SITE_CHAPTER_LABEL[siteChapter].toLowerCase()}.`
        }
      />
      <div className="gs-cards">
        <div className="gs-card" aria-label="FNCLCC grade" role="group">
          <div className="gs-card__label">FNCLCC grade</div>
          <div className="gs-card__main">
            <span className={`big-code big-code--${grade.grade === 'GX' ? 'gx' : 'graded'}`} data-testid="case-grade">
              {grade.grade}
            </span>
            <div className="gs-card__facts">
              {grade.score !== null ? (
                <div className="component-line">
                  Differentiation {grade.components.differentiation} + mitoses {grade.components.mitoses} + necrosis{' '}
                  {grade.components.necrosis} = <strong>{grade.score}</strong>
                </div>
              ) : (
                <div className="component-line muted">
                  Differentiation {grade.components.differentiation ?? '–'} · mitoses {grade.components.mitoses ?? '–'}{' '}
                  · necrosis {grade.components.necrosis ?? '–'}
                </div>
              )}
              <div className="muted small">
                {grade.source === 'computed'
                  ? 'Computed from the components'
                  : grade.source === 'reported'
                    ? 'As stated in the report'
                    : 'No pathology report'}
              </div>
            </div>
          </div>
          <p className="gs-card__reason">{humanReason(grade.reason)}</p>
        </div>

        <div className="gs-card" aria-label="AJCC stage" role="group">
          <div className="gs-card__label">AJCC 8th stage</div>
          {stage.applicable ? (
            <>
              {stage.pathological && (
                <StageLine
                  kind="Pathological"
                  line={stage.pathological}
                  testId="case-stage-pathological"
                  source={tSourceText(stage.pathological.T, stage.pathological.source)}
                  note={stage.pathological.gradeNote}
                />
              )}
              <StageLine
                kind={stage.pathological ? 'Clinical' : null}
                line={stage}
                testId="case-stage"
                // With a pathological stage above, each line names its own source; alone, the box below does.
                source={stage.pathological ? tSourceText(stage.T, stage.size.text) : null}
                note={null}
              />
              {!stage.stageGroup && (siteChapter === 'head-and-neck' || siteChapter === 'visceral') && (
                <p className="gs-card__note">
                  No AJCC stage group for this site: the 8th edition defines T, N, M and G only.
                </p>
              )}
            </>
          ) : (
            <div className="gs-card__main">
              <span className="big-code big-code--none">Not staged</span>
            </div>
          )}
          <p className="gs-card__reason" data-testid="stage-explanation">
            {stage.explanation}
          </p>
          {stage.applicable && (
            <div className={`size-source size-source--${stage.size.kind}`} data-testid="stage-size-source">
              <span className="size-source__kind">{SIZE_KIND[stage.size.kind]}</span>
              <span>
                {stage.size.kind === 'none'
                  ? 'T is TX until a lesion is measured or a size is typed.'
                  : stage.size.text}
                {stage.size.date && !stage.size.stale && stage.size.staleReason ? ` ${stage.size.staleReason}` : ''}
              </span>
            </div>
          )}
          {stage.applicable && stage.size.stale && (
            <p className="gs-card__note" role="note" data-testid="stage-size-stale">
              ⚠ {stage.size.staleReason}
            </p>
          )}
          {stage.defaults && stage.applicable && (
            <p className="muted small">
              N, M and the prefix are the defaults (nodes not known, M0, clinical): set them below.
            </p>
          )}
        </div>
      </div>
      {stage.applicable && <StagingForm caseId={caseId} site={siteChapter as StagingSite} summary={summary} />}
    </section>
  );
}

/**
 * One stage (pathological or clinical): the group as stage-text.ts words it (never the bare GX group when the
 * histotype raises it), T N M G, and where T's size came from.
 */
function StageLine({
  kind,
  line,
  testId,
  source,
  note,
}: {
  kind: 'Pathological' | 'Clinical' | null;
  line: StageLineLike;
  testId: string;
  source: string | null;
  note: string | null;
}) {
  const group = stageGroupShort(line);
  return (
    <div className="stage-line" aria-label={kind ? `${kind} stage` : undefined} role={kind ? 'group' : undefined}>
      <div className="gs-card__main">
        {kind && <span className="stage-line__kind">{kind}</span>}
        <span className={`big-code${group ? '' : ' big-code--none'}`} data-testid={testId}>
          {group ? `Stage ${group}` : 'No stage group'}
        </span>
        <div className="tnm" aria-label="T, N, M and G">
          <span className="tnm__part">{line.T}</span>
          <span className="tnm__part">{line.N}</span>
          <span className="tnm__part">{line.M}</span>
          <span className="tnm__part">{line.G}</span>
        </div>
      </div>
      {line.atLeastStageGroup && (
        <p className="gs-card__note" data-testid={`${testId}-at-least`}>
          Stage {stageGroupText(line)}
        </p>
      )}
      {source && (
        <p className="stage-line__source" data-testid={`${testId}-source`}>
          {source}.{note ? ` ${readableDates(note)}` : ''}
        </p>
      )}
    </div>
  );
}

function StagingForm({ caseId, site, summary }: { caseId: number; site: StagingSite; summary: ClinicalSummary }) {
  // Reset to what is stored only when the stored inputs change, not on every reload of the summary.
  const savedKey = JSON.stringify(summary.stage.inputs);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const initial = useMemo(() => draftOf(summary.stage.inputs), [savedKey]);
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const setInputs = useWrite('staging:setInputs');
  useEffect(() => setDraft(initial), [initial]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useUnsavedGuard(dirty, 'the staging');

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setBanner(null);
    setErrors({});
  };

  // What the stage would be with the inputs as typed, before they are saved (same pure rules as the main process).
  const preview = useMemo(() => {
    if (!dirty) return null;
    const i = inputOf(draft);
    const lesionSize = summary.stage.size.kind === 'lesion' ? summary.stage.size.sizeCm : null;
    const size = i.sizeOverrideCm !== null && !Number.isNaN(i.sizeOverrideCm) ? i.sizeOverrideCm : lesionSize;
    return stageSoftTissueSarcoma({
      site,
      sizeCm: size,
      N: i.N,
      M: i.M,
      G: summary.grade.grade,
      prefix: i.prefix,
      t: i.tOverride,
      minimumG: summary.stage.gradeFloor?.G ?? null,
      minimumGReason: summary.stage.gradeFloor?.reason ?? '',
    });
  }, [dirty, draft, site, summary]);

  async function save() {
    const candidate = inputOf(draft);
    const parsed = StagingInputsInput.safeParse(candidate);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((i) => [
            String(i.path[0]),
            i.path[0] === 'sizeOverrideCm' && Number.isNaN(candidate.sizeOverrideCm) ? 'Enter a size in cm' : i.message,
          ]),
        ),
      );
      setBanner({ kind: 'error', text: 'Staging inputs not saved: check the fields marked.' });
      return;
    }
    const result = await setInputs.mutateAsync({ caseId, inputs: parsed.data });
    if (!result.ok) {
      setErrors(serverFieldErrors(result.error, 'inputs'));
      setBanner({ kind: 'error', text: `Not saved: ${plainMessage(result.error)}` });
      return;
    }
    setBanner({
      kind: 'saved',
      text: `Saved: ${stageLineText(result.value)}.`,
    });
  }

  const sel = <K extends 'prefix' | 'N' | 'M' | 'tOverride'>(
    key: K,
    label: string,
    options: [string, string][],
    placeholder?: string,
    hint?: string,
  ) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {(p) => (
        <select {...p} value={draft[key]} onChange={(e) => set(key, e.target.value as Draft[K])}>
          <Options options={options} placeholder={placeholder} />
        </select>
      )}
    </Field>
  );

  return (
    <div className="staging-form" role="group" aria-label="Staging inputs">
      <div className="staging-form__head">
        <h3>Staging inputs</h3>
        {dirty && <span className="unsaved">Unsaved changes</span>}
      </div>
      <div className="grid grid--staging">
        {sel('prefix', 'Prefix', Object.entries(PREFIX_LABEL))}
        {sel('N', 'Regional nodes (N)', Object.entries(N_LABEL))}
        {sel('M', 'Distant metastasis (M)', Object.entries(M_LABEL))}
        {sel(
          'tOverride',
          'T by extent',
          EXTENT_T[site],
          site === 'visceral' ? 'Not set (TX: choose by organ extent)' : 'From size',
          site === 'visceral'
            ? 'Visceral T is by organ extent, not size'
            : site === 'head-and-neck'
              ? 'Only T4a/T4b are by extent'
              : undefined,
        )}
        <Field
          label="Size typed by hand (cm)"
          error={errors.sizeOverrideCm}
          hint="Leave empty to use the largest lesion (each at its latest measurement)"
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={draft.sizeOverride}
              placeholder={
                summary.stage.size.kind === 'lesion' ? `Lesion: ${summary.stage.size.sizeCm} cm` : 'e.g. 6.5'
              }
              onChange={(e) => set('sizeOverride', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Why the size is typed"
          error={errors.sizeOverrideReason}
          hint={draft.sizeOverride.trim() ? 'Required with a typed size' : undefined}
        >
          {(p) => (
            <input
              {...p}
              value={draft.sizeReason}
              disabled={!draft.sizeOverride.trim()}
              placeholder="e.g. pathology gross size"
              onChange={(e) => set('sizeReason', e.target.value)}
            />
          )}
        </Field>
        <Field label="Staging note" error={errors.note} wide>
          {(p) => (
            <input
              {...p}
              value={draft.note}
              placeholder="e.g. possible lung metastasis, not confirmed: kept as cM0"
              onChange={(e) => set('note', e.target.value)}
            />
          )}
        </Field>
      </div>
      {preview && (
        <div className="stage-preview" role="status">
          <span className="stage-preview__label">With these inputs</span>
          <strong>
            {preview.T} {preview.N} {preview.M} {preview.G} →{' '}
            {stageGroupText(preview) ? `stage ${stageGroupText(preview)}` : 'no stage group'}
          </strong>
          <span className="muted small">not saved yet</span>
        </div>
      )}
      <Banner message={banner} />
      <SaveBar
        className="staging-form__actions"
        dirty={dirty}
        saving={setInputs.isPending}
        label="Save staging"
        onUndo={() => setDraft(initial)}
        onSave={() => void save()}
      />
    </div>
  );
}
