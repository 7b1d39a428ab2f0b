import { useState, type FormEvent } from 'react';
import {
  REFERRAL_DATASET_FIELDS,
  REFERRAL_DATASET_LABEL,
  type ReferralDatasetField,
} from '../../../shared/domain/board';
import {
  ECOG_LABEL,
  EPISODE_KIND_LABEL,
  EpisodeKind,
  Mrn,
  SEX_LABEL,
  Sex,
  SITE_CHAPTER_LABEL,
  SiteChapter,
} from '../../../shared/domain/case';
import { patientDifferences, type MrnPatient } from '../../../shared/domain/episode';
import { REFERRAL_URGENCIES, URGENCY_LABEL, type ReferralUrgency } from '../../../shared/domain/referral';
import { clockTime, dayMonthYear, shortDate } from '../../../shared/dates';
import { invoke } from '../../api';
import { Banner, type BannerMessage } from '../../components/Banner';
import { Field } from '../../components/Field';
import { useRead, useWrite } from '../../data/hooks';
import { navigate } from '../../router';
import { EpisodeOffer } from '../cases/EpisodeOffer';
import '../../styles/referrals.css';

/** Where no board is set up yet, referrals go to the sarcoma board type under the default rules (BOARD_DEFAULTS). */
const FALLBACK_BOARD = 'sarcoma';

interface Draft {
  referrerName: string;
  referrerContact: string;
  referringHospital: string;
  urgency: ReferralUrgency | '';
  question: string;
  familyName: string;
  givenNames: string;
  mrn: string;
  dateOfBirth: string;
  sex: string;
  siteChapter: string;
  episodeKind: string;
  dataset: Partial<Record<ReferralDatasetField, string>>;
}

const EMPTY: Draft = {
  referrerName: '',
  referrerContact: '',
  referringHospital: '',
  urgency: '',
  question: '',
  familyName: '',
  givenNames: '',
  mrn: '',
  dateOfBirth: '',
  sex: '',
  siteChapter: 'other',
  episodeKind: 'new-diagnosis',
  dataset: {},
};

const PATIENT_KEYS = ['familyName', 'givenNames', 'dateOfBirth', 'sex'] as const;

/** "Thu 10 Dec 2026, 13:00". */
const when = (at: string) => `${shortDate(at)}, ${clockTime(at)}`;

/**
 * Refer a patient to the board (issue 14 item 6): the referrer, the question and its urgency, the patient (a new
 * one, or a new episode of a patient whose MRN is on record, as on the case form) and the board's minimum dataset.
 * It creates the case and puts the referral in the triage queue; a missing dataset field does not stop it (the
 * queue lists it), and the form says beforehand when the next meeting's cut-off has passed.
 */
export function ReferralForm() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<BannerMessage | null>(null);
  const [onRecord, setOnRecord] = useState<MrnPatient | null>(null);
  const [episodeOf, setEpisodeOf] = useState<MrnPatient | null>(null);
  // The active boards, by name: one is taken as it is; with several the referrer chooses, so none is assumed.
  const boards = useRead('boards:list', {});
  const active = (boards.data ?? []).filter((b) => b.active);
  const [chosenBoard, setChosenBoard] = useState<string | null>(null);
  const boardSlug = chosenBoard ?? (active.length > 1 ? null : (active[0]?.slug ?? FALLBACK_BOARD));
  const boardRead = useRead(
    'referrals:board',
    { boardSlug: boardSlug ?? FALLBACK_BOARD },
    { enabled: !boards.isPending && boardSlug !== null },
  );
  const board = boardSlug === null ? undefined : boardRead.data;
  const create = useWrite('referrals:create');

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '', [`patient.${key}`]: '' }));
    setBanner(null);
  };
  const setData = (key: ReferralDatasetField, value: string) =>
    setDraft((d) => ({ ...d, dataset: { ...d.dataset, [key]: value } }));

  async function checkMrn() {
    if (!Mrn.safeParse(draft.mrn).success) return;
    const result = await invoke('patients:lookupMrn', { mrn: draft.mrn.trim() });
    if (!result.ok) return;
    const { patient } = result.value;
    if (episodeOf && patient?.id === episodeOf.id) return;
    setEpisodeOf(null);
    setOnRecord(patient);
  }

  function chooseEpisode() {
    if (!onRecord) return;
    setDraft((d) => ({ ...d, ...Object.fromEntries(PATIENT_KEYS.map((k) => [k, onRecord[k]])) }));
    setEpisodeOf(onRecord);
  }

  const patient = {
    familyName: draft.familyName,
    givenNames: draft.givenNames,
    mrn: draft.mrn.trim(),
    dateOfBirth: draft.dateOfBirth,
    sex: draft.sex as Sex,
  };
  const differences = episodeOf ? patientDifferences(episodeOf, patient) : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (boardSlug === null) {
      setErrors({ boardSlug: 'Choose the board this referral is for' });
      setBanner({ kind: 'error', text: 'Not sent: choose the board this referral is for.' });
      return;
    }
    const dataset = Object.fromEntries(Object.entries(draft.dataset).filter(([, v]) => v.trim() !== ''));
    const result = await create.mutateAsync({
      boardSlug,
      referrerName: draft.referrerName,
      referrerContact: draft.referrerContact,
      referringHospital: draft.referringHospital,
      urgency: draft.urgency as ReferralUrgency,
      question: draft.question,
      patient,
      patientId: episodeOf?.id,
      siteChapter: draft.siteChapter as SiteChapter,
      episodeKind: draft.episodeKind as EpisodeKind,
      dataset,
    });
    if (result.ok) {
      navigate({ name: 'service', section: 'referrals' });
      return;
    }
    const { field, issues, message } = result.error;
    const next: Record<string, string> = {};
    for (const issue of issues ?? []) next[issue.field] ??= issue.message;
    if (field) next[field] ??= message;
    setErrors(next);
    // The host's message names the channel and the first field; the form marks every field, so count them here.
    const marked = Object.keys(next).length;
    setBanner({
      kind: 'error',
      text:
        marked > 1
          ? `Not sent: ${marked} fields need attention, marked below.`
          : `Not sent: ${marked === 1 ? Object.values(next)[0] : message}`,
    });
    if (field === 'patient.mrn') void checkMrn();
  }

  const err = (key: string) => errors[key] || undefined;
  const input = (key: keyof Draft, label: string, opts: { required?: boolean; type?: string; hint?: string } = {}) => {
    const path = PATIENT_KEYS.includes(key as never) || key === 'mrn' ? `patient.${key}` : key;
    return (
      <Field label={label} error={err(path)} required={opts.required} hint={opts.hint}>
        {(p) => (
          <input
            {...p}
            type={opts.type ?? 'text'}
            value={draft[key] as string}
            onChange={(e) => set(key, e.target.value as never)}
            onBlur={key === 'mrn' ? () => void checkMrn() : undefined}
          />
        )}
      </Field>
    );
  };
  const missing = (board?.dataset ?? []).filter((f) => !draft.dataset[f]?.trim());

  return (
    <form className="case-form referral-form" aria-label="New referral" onSubmit={(e) => void submit(e)} noValidate>
      <div className="case-form__bar">
        <div className="case-form__title">
          <h1>Refer a patient{board ? ` to the ${board.boardName} board` : ''}</h1>
        </div>
        <div className="case-form__actions">
          <button
            type="button"
            className="button button--ghost"
            onClick={() => navigate({ name: 'service', section: 'referrals' })}
          >
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? 'Sending...' : 'Send referral'}
          </button>
        </div>
      </div>
      {active.length > 1 && (
        <div className="referral-form__board">
          <Field label="Board" error={err('boardSlug')} required>
            {(p) => (
              <select
                {...p}
                value={boardSlug ?? ''}
                onChange={(e) => {
                  setChosenBoard(e.target.value || null);
                  setErrors((x) => ({ ...x, boardSlug: '' }));
                  setBanner(null);
                }}
              >
                <option value="">Choose...</option>
                {active.map((b) => (
                  <option key={b.slug} value={b.slug}>
                    {b.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      {board?.nextMeeting && (
        <p className={`referral-form__cutoff${board.lateNow ? ' referral-form__cutoff--late' : ''}`} role="note">
          Next meeting: {board.nextMeeting.title}, {when(board.nextMeeting.startsAt)}. Referral cut-off{' '}
          {when(board.nextMeeting.cutoff)}
          {board.lateNow
            ? ': it has passed, so this referral will be flagged late (the coordinator chooses this meeting or the next).'
            : '.'}
        </p>
      )}
      <Banner message={banner} />

      <fieldset>
        <legend>Referred by</legend>
        <div className="grid">
          {input('referrerName', 'Referrer', { required: true })}
          {input('referrerContact', 'How to reach the referrer', { required: true })}
          {input('referringHospital', 'Referring hospital')}
        </div>
      </fieldset>

      <fieldset>
        <legend>Patient</legend>
        <div className="grid">
          {input('familyName', 'Family name', { required: true })}
          {input('givenNames', 'Given names', { required: true })}
          {input('mrn', 'MRN', { required: true, hint: 'An MRN on record makes this a new episode of that patient' })}
          {input('dateOfBirth', 'Date of birth', { required: true, type: 'date' })}
          <Field label="Sex" error={err('patient.sex')} required>
            {(p) => (
              <select {...p} value={draft.sex} onChange={(e) => set('sex', e.target.value)}>
                <option value="">Choose...</option>
                {Sex.options.map((s) => (
                  <option key={s} value={s}>
                    {SEX_LABEL[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Episode" error={err('episodeKind')}>
            {(p) => (
              <select {...p} value={draft.episodeKind} onChange={(e) => set('episodeKind', e.target.value)}>
                {EpisodeKind.options.map((k) => (
                  <option key={k} value={k}>
                    {EPISODE_KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {onRecord && (
          <EpisodeOffer
            patient={onRecord}
            chosen={episodeOf !== null}
            differences={differences}
            onChoose={chooseEpisode}
            onUseRecord={chooseEpisode}
            onCancel={() => {
              setEpisodeOf(null);
              setOnRecord(null);
            }}
          />
        )}
      </fieldset>

      <fieldset>
        <legend>For the board</legend>
        <div className="grid">
          <fieldset className="referral-form__urgency field--wide" aria-describedby="urgency-error">
            <legend>
              Urgency{' '}
              <span className="field__required" aria-hidden="true">
                *
              </span>
            </legend>
            {REFERRAL_URGENCIES.map((u) => (
              <label key={u} className="referral-form__radio">
                <input
                  type="radio"
                  name="urgency"
                  value={u}
                  checked={draft.urgency === u}
                  onChange={() => set('urgency', u)}
                />{' '}
                {URGENCY_LABEL[u]}
              </label>
            ))}
            {err('urgency') && (
              <div className="field__error" id="urgency-error" role="alert">
                {err('urgency')}
              </div>
            )}
          </fieldset>
          <Field label="Question for the board" error={err('question')} required wide>
            {(p) => (
              <textarea {...p} rows={2} value={draft.question} onChange={(e) => set('question', e.target.value)} />
            )}
          </Field>
          <Field label="AJCC site chapter" error={err('siteChapter')}>
            {(p) => (
              <select {...p} value={draft.siteChapter} onChange={(e) => set('siteChapter', e.target.value)}>
                {SiteChapter.options.map((s) => (
                  <option key={s} value={s}>
                    {SITE_CHAPTER_LABEL[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>Minimum dataset</legend>
        <p className="muted small">
          Fields marked * are the board&rsquo;s minimum dataset. A referral without them can still be sent: the triage
          queue lists what is missing.
        </p>
        <div className="grid">
          {REFERRAL_DATASET_FIELDS.map((f) => {
            const needed = board?.dataset.includes(f) ?? false;
            const label = REFERRAL_DATASET_LABEL[f];
            return f === 'ecog' ? (
              <Field key={f} label={label} error={err(`dataset.${f}`)} required={needed}>
                {(p) => (
                  <select {...p} value={draft.dataset.ecog ?? ''} onChange={(e) => setData('ecog', e.target.value)}>
                    <option value="">Not given</option>
                    {Object.entries(ECOG_LABEL).map(([v, t]) => (
                      <option key={v} value={v}>
                        {t}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <Field
                key={f}
                label={label}
                error={err(`dataset.${f}`)}
                required={needed}
                wide={f === 'clinical-history'}
              >
                {(p) =>
                  f === 'clinical-history' ? (
                    <textarea
                      {...p}
                      rows={4}
                      value={draft.dataset[f] ?? ''}
                      onChange={(e) => setData(f, e.target.value)}
                    />
                  ) : (
                    <input
                      {...p}
                      type="text"
                      value={draft.dataset[f] ?? ''}
                      onChange={(e) => setData(f, e.target.value)}
                    />
                  )
                }
              </Field>
            );
          })}
        </div>
        {board && missing.length > 0 && (
          <p className="muted small" aria-live="polite">
            Not given yet: {missing.map((f) => REFERRAL_DATASET_LABEL[f]).join('; ')}.
          </p>
        )}
        {episodeOf && (
          <p className="muted small">
            New episode of {episodeOf.name} (born {dayMonthYear(episodeOf.dateOfBirth)}).
          </p>
        )}
      </fieldset>
    </form>
  );
}
