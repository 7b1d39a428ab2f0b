import { useState, type ReactNode } from 'react';
import { dayMonthYear } from '../../../shared/dates';
import {
  NON_TARGET_STATUSES,
  RESPONSE_CATEGORY_LABEL,
  type LesionRole,
  type NonTargetStatus,
  type ResponseCategory,
  type ResponseTimepoint,
  type ResponseView,
  type TrackedMeasurement,
} from '../../../shared/domain/response';
import { useCan } from '../../auth/useCan';
import { Banner } from '../../components/Banner';
import { useRead, useWrite } from '../../data/hooks';

type TrackedRow = ResponseView['lesions'][number];

const num = (n: number) => n.toFixed(1).replace(/\.0$/, '');
const pct = (n: number | null | undefined) =>
  n == null ? '–' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${num(Math.abs(n))}%`;

/** The diameter RECIST uses (short axis for a node) and the ellipse's density, as one cell. */
function cellText(lesion: TrackedRow, m: TrackedMeasurement | undefined): string {
  if (!m) return '–';
  const size = m.recistMm === null ? 'not measured' : `${num(m.recistMm)} mm${lesion.isNode ? ' (short)' : ''}`;
  return m.meanHu === null ? size : `${size} · ${num(m.meanHu)} HU`;
}

function Category({ value }: { value: ResponseCategory | undefined }) {
  if (!value) return <>–</>;
  return (
    <abbr className={`category category--${value}`} title={RESPONSE_CATEGORY_LABEL[value]}>
      {value}
    </abbr>
  );
}

/**
 * The Imaging tab's lesion-tracking table: the patient's tracked lesions by study date (every episode), the sums,
 * change from baseline and nadir, non-target status and new lesions (editable), and the RECIST 1.1 and Choi
 * categories with the rule in words (electron/services/imaging/tracking-service.ts computes them).
 */
export function TrackingTable({ caseId }: { caseId: number }) {
  const read = useRead('imaging:tracking', { caseId });
  const canEdit = useCan('clinical.edit');
  const setLesion = useWrite('imaging:setTrackedLesion');
  const setTimepoint = useWrite('imaging:setTimepoint');
  const [error, setError] = useState<string | null>(null);

  async function run(p: Promise<{ ok: boolean; error?: { message: string } }>) {
    try {
      const result = await p;
      setError(result.ok ? null : (result.error?.message ?? 'Not saved'));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (read.error)
    return (
      <section className="panel tracking" aria-label="Lesion tracking">
        <Banner message={{ kind: 'error', text: `The lesion tracking could not be shown: ${read.error.message}` }} />
      </section>
    );
  const view = read.data;
  if (!view) return null;

  const byDate = new Map(view.timepoints.map((t) => [t.studyDate, t]));
  const dates = [
    ...new Set([
      ...view.timepoints.map((t) => t.studyDate),
      ...view.lesions.flatMap((l) => l.measurements.flatMap((m) => (m.studyDate ? [m.studyDate] : []))),
    ]),
  ].sort();
  const measurementAt = (l: TrackedRow, date: string) => l.measurements.filter((m) => m.studyDate === date).at(-1);
  const saveTimepoint = (t: ResponseTimepoint, change: { nonTarget?: NonTargetStatus | null; newLesions?: boolean }) =>
    run(
      setTimepoint.mutateAsync({
        caseId,
        studyDate: t.studyDate,
        nonTarget: change.nonTarget === undefined ? t.nonTarget : change.nonTarget,
        newLesions: change.newLesions ?? t.newLesions,
        note: t.note,
      }),
    );
  const heading = (date: string) =>
    `${dayMonthYear(date)}${date === view.baselineDate ? ' (baseline)' : ''}${
      view.current && date === view.nadirDate && date !== view.baselineDate ? ' (nadir)' : ''
    }`;

  const timepointRow = (label: string, cell: (t: ResponseTimepoint) => ReactNode, className = '') => (
    <tr className={className}>
      <th scope="row">{label}</th>
      {dates.map((d) => {
        const t = byDate.get(d);
        return <td key={d}>{t ? cell(t) : '–'}</td>;
      })}
    </tr>
  );

  return (
    <section className="panel tracking" aria-label="Lesion tracking">
      <div className="panel__head">
        <h3>Response to treatment</h3>
      </div>
      {error && <Banner message={{ kind: 'error', text: error }} />}
      {view.lesions.length === 0 ? (
        <p className="muted">
          No lesion tracked yet. A lesion saved with a study date is tracked by its name across this patient&apos;s
          studies: measure it on each study under the same name.
        </p>
      ) : (
        <div className="tracking__scroll">
          <table className="tracking__table">
            <caption>
              Lesions by study date: long axis in mm (short axis for lymph nodes) and mean density in HU; sums of the
              target lesions, change, and the RECIST 1.1 and Choi categories.
            </caption>
            <thead>
              <tr>
                <th scope="col">Lesion</th>
                {dates.map((d) => (
                  <th scope="col" key={d}>
                    {heading(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.lesions.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    <div>{l.name}</div>
                    {canEdit ? (
                      <div className="tracking__lesion-edit">
                        <select
                          aria-label={`Role of ${l.name}`}
                          value={l.role}
                          onChange={(e) =>
                            void run(setLesion.mutateAsync({ id: l.id, role: e.target.value as LesionRole }))
                          }
                        >
                          <option value="target">Target</option>
                          <option value="non-target">Non-target</option>
                        </select>
                        <label>
                          <input
                            type="checkbox"
                            checked={l.isNode}
                            onChange={(e) => void run(setLesion.mutateAsync({ id: l.id, isNode: e.target.checked }))}
                          />{' '}
                          Lymph node
                        </label>
                      </div>
                    ) : (
                      <div className="muted small">
                        {l.role === 'target' ? 'Target' : 'Non-target'}
                        {l.isNode ? ' · lymph node' : ''}
                      </div>
                    )}
                  </th>
                  {dates.map((d) => (
                    <td key={d}>{cellText(l, measurementAt(l, d))}</td>
                  ))}
                </tr>
              ))}
              {timepointRow(
                'Sum of target diameters',
                (t) => (t.sumMm === null ? 'not all measured' : `${num(t.sumMm)} mm`),
                'tracking__sum',
              )}
              {timepointRow('Change from baseline', (t) => (t.recist ? pct(t.recist.changeFromBaselinePct) : '–'))}
              {timepointRow('Change from nadir', (t) => (t.recist ? pct(t.recist.changeFromNadirPct) : '–'))}
              {timepointRow('Mean density of targets', (t) => (t.meanHu === null ? '–' : `${num(t.meanHu)} HU`))}
              {timepointRow('Non-target lesions', (t) =>
                canEdit ? (
                  <select
                    aria-label={`Non-target lesions on ${dayMonthYear(t.studyDate)}`}
                    value={t.nonTarget ?? ''}
                    onChange={(e) =>
                      void saveTimepoint(t, { nonTarget: (e.target.value || null) as NonTargetStatus | null })
                    }
                  >
                    <option value="">Not recorded</option>
                    {NON_TARGET_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                ) : (
                  (t.nonTarget ?? 'not recorded')
                ),
              )}
              {timepointRow('New lesions', (t) =>
                canEdit ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={t.newLesions}
                      aria-label={`New lesions on ${dayMonthYear(t.studyDate)}`}
                      onChange={(e) => void saveTimepoint(t, { newLesions: e.target.checked })}
                    />{' '}
                    {t.newLesions ? 'Yes' : 'No'}
                  </label>
                ) : t.newLesions ? (
                  'Yes'
                ) : (
                  'No'
                ),
              )}
              {timepointRow(
                'RECIST 1.1 (overall)',
                (t) => (
                  <>
                    <Category value={t.recist?.overall} />
                    {t.recist && t.recist.target !== t.recist.overall && (
                      <span className="muted small"> (target {t.recist.target})</span>
                    )}
                  </>
                ),
                'tracking__category',
              )}
              {timepointRow(
                'Choi',
                (t) => (
                  <Category value={t.choi?.response} />
                ),
                'tracking__category',
              )}
              {timepointRow(
                'Rule',
                (t) => (
                  <span className="small">{t.explanation}</span>
                ),
                'tracking__rule',
              )}
            </tbody>
          </table>
        </div>
      )}
      {view.notes.length > 0 && (
        <ul className="muted small tracking__notes">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
