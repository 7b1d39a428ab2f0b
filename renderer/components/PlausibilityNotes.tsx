import type { PlausibilityWarning } from '../../shared/domain/plausibility';
import '../styles/plausibility.css';

/**
 * Plausibility warnings under a field (issue 14 item 15): an entry allowed but unlikely, said while it is typed.
 * Never blocks a save; the words come from shared/domain/plausibility.ts so every screen says the same.
 */
export function PlausibilityNotes({ warnings }: { warnings: readonly PlausibilityWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="plausibility" role="status">
      {warnings.map((w) => (
        <div key={w.id} className="plausibility__warning" data-warning={w.id}>
          <span aria-hidden="true">⚠ </span>
          {w.message}
        </div>
      ))}
    </div>
  );
}
