import type { ReactNode } from 'react';

/** A labelled textarea of the decision form (recommendation details, discussion notes, reason). */
export function NoteField({
  label,
  rows,
  value,
  onChange,
}: {
  label: string;
  rows: number;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <label className="dfield">
      <span>{label}</span>
      <textarea rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** One choice out of a few, as segmented radio buttons (treatment intent, outcome). */
export function Segments<T extends string>({
  label,
  name,
  options,
  labels,
  value,
  onChange,
}: {
  label: string;
  /** The radio group's name, unique in the page (two forms can be open: the page and the presenter's panel). */
  name: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T | null;
  onChange: (value: T) => void;
}) {
  return (
    <div className="intent" role="radiogroup" aria-label={label}>
      <span className="intent__label">{label}</span>
      {options.map((o) => (
        <label key={o} className={`seg${value === o ? ' seg--on' : ''}`}>
          <input type="radio" name={name} checked={value === o} onChange={() => onChange(o)} />
          {labels[o]}
        </label>
      ))}
    </div>
  );
}

/** A section of the decision form: its heading, an optional action beside it, then its fields. */
export function DecisionSection({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="dsec" aria-labelledby={id}>
      {action === undefined ? (
        <h3 id={id}>{title}</h3>
      ) : (
        <div className="dsec__head">
          <h3 id={id}>{title}</h3>
          {action}
        </div>
      )}
      {children}
    </section>
  );
}
