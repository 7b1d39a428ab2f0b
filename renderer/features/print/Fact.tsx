import type { ReactNode } from 'react';

/** One labelled fact of a printed document's list (<dl>); a fact with nothing to say is left out. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === null || children === false || children === '') return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
