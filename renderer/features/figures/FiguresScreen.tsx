import { useState, type FormEvent, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import '../../styles/figures.css';
import { dayMonthYear } from '../../../shared/dates';
import { figuresCsv, figuresCsvName } from '../../../shared/figures/figures-csv';
import type { DaySpread, Figures, FiguresQuery, MeetingFigures } from '../../../shared/figures/figures';
import { useRead } from '../../data/hooks';

/** One bar series: which figure of a meeting, its name in the legend and the table, and its colour. */
interface Series {
  key: string;
  label: string;
  color: string;
  value: (m: MeetingFigures) => number | null;
}

/** A meeting as the axes, tooltips and tables name it: "5 Nov 2026", with the board when several are shown. */
function meetingLabel(m: MeetingFigures, figures: Figures, allBoards: boolean): string {
  const day = dayMonthYear(m.date);
  if (!allBoards || figures.boards.length < 2) return day;
  return `${day} (${figures.boards.find((b) => b.slug === m.boardSlug)?.name ?? m.boardSlug})`;
}

/** Up to this many meetings every bar is named under the axis; beyond, the chart names what fits (the table all). */
const NAME_EVERY_BAR_UP_TO = 16;

/** An axis label on two lines, the day over the board ("5 Nov 2026 (Sarcoma MDT)"), so neighbours do not collide. */
function MeetingTick({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  const [, day, board] = /^(.*?)(?: \((.*)\))?$/.exec(payload?.value ?? '') ?? [];
  return (
    <text className="figures__tick" x={x} y={y} dy={12} textAnchor="middle" fontSize={12} fill="#4a5868">
      <tspan x={x}>{day}</tspan>
      {board && (
        <tspan x={x} dy={14}>
          {board}
        </tspan>
      )}
    </text>
  );
}

const days = (n: number | null) => (n === null ? '–' : `${n} ${n === 1 ? 'day' : 'days'}`);
const spread = (s: DaySpread) =>
  s.count === 0 ? 'none measured' : `median ${days(s.median)}, range ${s.min}–${s.max} (${s.count} cases)`;

/**
 * A chart of per-meeting figures and its text alternative: the same numbers as a table, in a details element
 * under it. The chart is a picture of the table, so assistive technology reads the table.
 */
function FigureChart({
  id,
  title,
  note,
  rows,
  labels,
  series,
  stacked,
  columns,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  rows: readonly MeetingFigures[];
  labels: readonly string[];
  series: readonly Series[];
  stacked?: boolean;
  /** Table columns beyond the charted series (e.g. the range of a median). */
  columns?: readonly { label: string; value: (m: MeetingFigures) => string | number }[];
}) {
  const data = rows.map((m, i) => ({
    label: labels[i],
    ...Object.fromEntries(series.map((s) => [s.key, s.value(m)])),
  }));
  return (
    <figure className="figures__figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="figures__caption">
        {title}
      </figcaption>
      {note && <p className="muted figures__note">{note}</p>}
      <div className="figures__chart" aria-hidden="true" data-testid={`${id}-chart`}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              tick={<MeetingTick />}
              interval={rows.length <= NAME_EVERY_BAR_UP_TO ? 0 : 'preserveStartEnd'}
              height={labels.some((l) => l.endsWith(')')) ? 40 : 26}
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
            <Tooltip />
            {/* Legend text in the page's ink: the series colours are too light for text. */}
            <Legend formatter={(value: string) => <span className="figures__legend">{value}</span>} />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                stackId={stacked ? 'stack' : undefined}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="figures__table">
        <summary>Table: {title.toLowerCase()}</summary>
        <table className="store-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
              {columns?.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((m, i) => (
              <tr key={m.meetingId}>
                <th scope="row">{labels[i]}</th>
                {series.map((s) => (
                  <td key={s.key}>{s.value(m) ?? '–'}</td>
                ))}
                {columns?.map((c) => (
                  <td key={c.label}>{c.value(m)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The query from the form: empty fields are left out (any board, no limit). */
function queryOf(form: FormData): FiguresQuery {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return { boardSlug: text('board'), from: text('from'), to: text('to') };
}

function download(csv: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Service figures (issue 14 item 11): per board and date range, the cases on each meeting and what became of them,
 * readiness at the cut-off, days from referral to first board and from decision to letter, and open and overdue
 * actions; as charts with their tables, and as CSV built from the same answer (one column definition in shared/).
 */
export function FiguresScreen() {
  const [query, setQuery] = useState<FiguresQuery>({});
  const [message, setMessage] = useState<string | null>(null);
  const answer = useRead('figures:get', query);
  const figures = answer.data;

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    setQuery(queryOf(new FormData(event.currentTarget)));
  }

  function exportCsv() {
    if (!figures) return;
    download(figuresCsv(figures), figuresCsvName(query));
    const n = figures.meetings.length;
    setMessage(`Saved the figures of ${n} ${n === 1 ? 'meeting' : 'meetings'} as CSV`);
  }

  const rows = figures?.meetings ?? [];
  const labels = figures ? rows.map((m) => meetingLabel(m, figures, !query.boardSlug)) : [];
  const t = figures?.totals;
  return (
    <section className="service-screen figures" aria-labelledby="figures-title">
      <h1 id="figures-title">Service figures</h1>
      <form className="figures__filters" onSubmit={apply} aria-label="Choose the figures">
        <div className="field">
          <label htmlFor="figures-board">Board</label>
          <select id="figures-board" name="board" defaultValue={query.boardSlug ?? ''}>
            <option value="">All boards</option>
            {figures?.boards.map((b) => (
              <option key={b.slug} value={b.slug}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="figures-from">Meetings from</label>
          <input id="figures-from" name="from" type="date" defaultValue={query.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="figures-to">Meetings to</label>
          <input id="figures-to" name="to" type="date" defaultValue={query.to ?? ''} />
        </div>
        <div className="figures__buttons">
          <button type="submit" className="button button--primary">
            Show figures
          </button>
          <button type="button" className="button" disabled={!figures} onClick={exportCsv}>
            Download CSV
          </button>
        </div>
      </form>
      <div role="status" className="figures__status">
        {message}
      </div>

      {answer.error ? (
        <p role="alert" className="field__error">
          {answer.error.message}
        </p>
      ) : !figures || !t ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No meetings in this range.</p>
      ) : (
        <>
          <dl className="figures__totals">
            <div>
              <dt>Meetings</dt>
              <dd>{rows.length}</dd>
            </div>
            <div>
              <dt>Cases on agendas</dt>
              <dd>{t.cases}</dd>
            </div>
            <div>
              <dt>Discussed / deferred / not reached</dt>
              <dd>
                {t.discussed} / {t.deferred} / {t.notReached}
              </dd>
            </div>
            <div>
              <dt>Ready at cut-off</dt>
              <dd>
                {t.readyAtCutoff} of {t.casesPastCutoff}
              </dd>
            </div>
            <div>
              <dt>Referral to first board</dt>
              <dd>{spread(t.referralToBoard)}</dd>
            </div>
            <div>
              <dt>Decision to letter</dt>
              <dd>
                {spread(t.decisionToLetter)}; {t.withoutLetter} of {t.decided} decided without a letter
              </dd>
            </div>
            <div>
              <dt>Open actions (overdue)</dt>
              <dd>
                {t.openActions} ({t.overdueActions} overdue)
              </dd>
            </div>
          </dl>

          <FigureChart
            id="figures-outcomes"
            title="Cases per meeting and what became of them"
            note="Not reached: not discussed, or still pending when the meeting finished."
            rows={rows}
            labels={labels}
            stacked
            series={[
              { key: 'discussed', label: 'Discussed', color: '#0f6e7a', value: (m) => m.discussed },
              { key: 'deferred', label: 'Deferred', color: '#9a5b00', value: (m) => m.deferred },
              { key: 'notReached', label: 'Not reached', color: '#b42318', value: (m) => m.notReached },
              { key: 'pending', label: 'Pending', color: '#8a97a6', value: (m) => m.pending },
            ]}
            columns={[{ label: 'Cases', value: (m) => m.cases }]}
          />
          <FigureChart
            id="figures-ready"
            title="Ready at cut-off"
            note="Cases whose status was ready at the submission cut-off, by the audit log; – while the cut-off is ahead."
            rows={rows}
            labels={labels}
            series={[
              { key: 'cases', label: 'Cases', color: '#8a97a6', value: (m) => m.cases },
              { key: 'ready', label: 'Ready at cut-off', color: '#1e7b46', value: (m) => m.readyAtCutoff },
            ]}
          />
          <FigureChart
            id="figures-referral"
            title="Days from referral to first board"
            note={
              <>
                From the referral, else the case&apos;s creation, to the first meeting the case was on (median per
                meeting).
                {t.referralRecordedLater > 0 &&
                  ` ${t.referralRecordedLater} cases recorded after their first board are left out.`}
              </>
            }
            rows={rows}
            labels={labels}
            series={[{ key: 'median', label: 'Median days', color: '#0f6e7a', value: (m) => m.referralToBoard.median }]}
            columns={[
              {
                label: 'Range',
                value: (m) => (m.referralToBoard.count ? `${m.referralToBoard.min}–${m.referralToBoard.max}` : '–'),
              },
              { label: 'Cases measured', value: (m) => m.referralToBoard.count },
            ]}
          />
          <FigureChart
            id="figures-letters"
            title="Days from decision to letter"
            note="From sign-off of a discussed case to its first outcome letter (median per meeting)."
            rows={rows}
            labels={labels}
            series={[
              { key: 'median', label: 'Median days', color: '#0f6e7a', value: (m) => m.decisionToLetter.median },
            ]}
            columns={[
              {
                label: 'Range',
                value: (m) => (m.decisionToLetter.count ? `${m.decisionToLetter.min}–${m.decisionToLetter.max}` : '–'),
              },
              { label: 'Decided', value: (m) => m.decided },
              { label: 'Without a letter', value: (m) => m.withoutLetter },
            ]}
          />
          <FigureChart
            id="figures-actions"
            title="Open and overdue actions"
            note="Actions set by each meeting's decisions that are still open; overdue: due before today."
            rows={rows}
            labels={labels}
            series={[
              { key: 'open', label: 'Open', color: '#0f6e7a', value: (m) => m.openActions },
              { key: 'overdue', label: 'Overdue', color: '#b42318', value: (m) => m.overdueActions },
            ]}
          />
        </>
      )}
    </section>
  );
}
