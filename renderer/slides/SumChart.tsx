import { useId } from 'react';
import { dayMonthYear } from './frame';

/**
 * The sum of target diameters over time as a small line chart (inline SVG, so the screen, the presenter view and the
 * print/PDF deck draw it alike). The y axis starts at 0, so a 12% change looks like 12%, not like a collapse. The
 * chart is an image to assistive technology with its values in words (`text`, the slide's chartText); each point is
 * labelled with its value and date on the chart as well.
 */

const W = 640;
const H = 300;
const PAD = { left: 24, right: 24, top: 44, bottom: 56 };

export function SumChart({
  points,
  text,
  nadirDate,
}: {
  points: readonly { date: string; sumMm: number }[];
  text: string;
  nadirDate: string | null;
}) {
  const titleId = useId();
  if (points.length === 0) return <p className="s-empty">{text}</p>;
  const times = points.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = Math.max(...points.map((p) => p.sumMm)) * 1.15 || 1;
  // Points kept 80 px in from the sides, so a date label centred under the first or last point is not cut.
  const inset = 80;
  const x = (t: number) =>
    t1 === t0 ? W / 2 : PAD.left + inset + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right - 2 * inset);
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const xy = points.map((p, i) => [x(times[i]), y(p.sumMm)] as const);
  return (
    <svg
      className="s-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={titleId}
      data-testid="response-chart"
    >
      <title id={titleId}>{text}</title>
      <line className="s-chart__axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      <polyline className="s-chart__line" points={xy.map(([a, b]) => `${a},${b}`).join(' ')} />
      {points.map((p, i) => (
        <g key={p.date} className={p.date === nadirDate ? 's-chart__point is-nadir' : 's-chart__point'}>
          <circle cx={xy[i][0]} cy={xy[i][1]} r={9} />
          <text className="s-chart__value" x={xy[i][0]} y={xy[i][1] - 18} textAnchor="middle">
            {`${Number(p.sumMm.toFixed(1))} mm`}
          </text>
          <text className="s-chart__date" x={xy[i][0]} y={H - 18} textAnchor="middle">
            {dayMonthYear(p.date)}
          </text>
        </g>
      ))}
    </svg>
  );
}
