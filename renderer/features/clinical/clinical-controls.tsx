import type { ReactNode } from 'react';

/** The head every clinical section has: its title (the section's accessible name), a line under it, an action. */
export function SectionHead({
  id,
  title,
  sub,
  action,
}: {
  id: string;
  title: string;
  sub: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="clin-section__head">
      <div>
        <h2 id={id}>{title}</h2>
        <p className="clin-section__sub">{sub}</p>
      </div>
      {action}
    </div>
  );
}

/** "Undo changes" (while there are any) and the save button of a section's form. */
export function SaveBar({
  className,
  dirty,
  saving,
  label,
  onUndo,
  onSave,
}: {
  className: string;
  dirty: boolean;
  saving: boolean;
  label: string;
  onUndo: () => void;
  onSave: () => void;
}) {
  return (
    <div className={className}>
      {dirty && (
        <button type="button" className="button button--ghost" onClick={onUndo}>
          Undo changes
        </button>
      )}
      <button type="button" className="button button--primary" disabled={!dirty || saving} onClick={onSave}>
        {saving ? 'Saving...' : label}
      </button>
    </div>
  );
}

/** The options of a choice, after an optional empty one ("Not stated", "Choose..."). */
export function Options({
  options,
  placeholder,
}: {
  options: readonly (readonly [string, string])[];
  placeholder?: string;
}) {
  return (
    <>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map(([v, t]) => (
        <option key={v} value={v}>
          {t}
        </option>
      ))}
    </>
  );
}
