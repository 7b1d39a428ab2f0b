import type { DeckSection } from '../../../shared/deck/model';
import { mmss, timerTone, type useCaseTimers } from './case-timers';

/** The time on the case on screen against its minutes, with a bar and the pause button. */
export function CaseTimer({
  section,
  timers,
}: {
  section: DeckSection | null;
  timers: ReturnType<typeof useCaseTimers>;
}) {
  const spent = section ? timers.elapsed(section.itemId) : 0;
  const allotted = (section?.minutes ?? 0) * 60_000;
  return (
    <div
      className={`ptimer ptimer--${timerTone(spent, section ? section.minutes : null)}`}
      data-testid="case-timer"
      title="Time on this case against its minutes"
    >
      {section ? (
        <>
          <span className="ptimer__value">{mmss(spent)}</span>
          <span className="ptimer__of"> / {section.minutes}:00</span>
          <span className="ptimer__track">
            <span
              className="ptimer__fill"
              style={{ width: `${Math.min(100, (spent / Math.max(1, allotted)) * 100)}%` }}
            />
          </span>
        </>
      ) : (
        <span className="ptimer__of">No case on screen</span>
      )}
      <button
        type="button"
        className="pbutton pbutton--small"
        onClick={timers.togglePause}
        aria-label={timers.paused ? 'Resume the timer' : 'Pause the timer'}
      >
        {timers.paused ? '▶' : '❚❚'}
      </button>
    </div>
  );
}
