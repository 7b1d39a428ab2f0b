import type { FrozenInfo } from '../../../shared/deck/model';
import { localWallTime, MONTHS } from '../../../shared/dates';

/** "3 December 2026, 10:42" in local time, from an instant. */
export function frozenWhen(at: string): string {
  const wall = localWallTime(new Date(at));
  const [y, m, d] = wall.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}, ${wall.slice(11, 16)}`;
}

/**
 * Under a finished meeting's case whose decision was signed off: the slides shown are the ones frozen at sign-off
 * (what the board saw), and the live record is one click away, saying whether it differs.
 */
export function FrozenNote({ frozen, live, onToggle }: { frozen: FrozenInfo; live: boolean; onToggle: () => void }) {
  const link = (text: string) => (
    <button type="button" className="link-button" onClick={onToggle}>
      {text}
    </button>
  );
  if (live) {
    return (
      <p className="frozen-note frozen-note--live small" role="note">
        Live slides: the record as it is now
        {frozen.differsFromLive ? ', not what the board saw' : ''}. {link('Show the slides frozen at sign-off')}
      </p>
    );
  }
  return (
    <p className="frozen-note small" role="note">
      Frozen at sign-off on {frozenWhen(frozen.at)}.{' '}
      {frozen.differsFromLive ? (
        <>The record has changed since: {link('show the live slides')}</>
      ) : (
        <>The record has not changed since. {link('Show the live slides')}</>
      )}
    </p>
  );
}
