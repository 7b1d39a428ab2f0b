import type { DeckSection, MeetingDeck } from '../../../shared/deck/model';
import type { AgendaItemView } from '../../../shared/domain/meeting';
import { DECISION_STATUS_LABEL } from '../meetings/meeting-format';
import { mmss } from './case-timers';

/** The cases of the deck: jump to one, see its presenter, its time against its minutes and its decision. */
export function CaseNav({
  deck,
  items,
  index,
  section,
  elapsed,
  go,
}: {
  deck: MeetingDeck;
  items: ReadonlyMap<number, AgendaItemView>;
  index: number;
  /** The case on screen (null on the agenda slide). */
  section: DeckSection | null;
  elapsed: (itemId: number) => number;
  go: (index: number) => void;
}) {
  return (
    <nav className="pcases" aria-label="Cases">
      <button type="button" className={`pcase${index === 0 ? ' pcase--on' : ''}`} onClick={() => go(0)}>
        <span className="pcase__num">≡</span>
        <span className="pcase__name">
          <span className="pcase__label">Agenda</span>
          <span className="pcase__meta">{deck.sections.length} cases</span>
        </span>
      </button>
      {deck.sections.map((s) => {
        const item = items.get(s.itemId);
        const t = elapsed(s.itemId);
        const over = t > s.minutes * 60_000;
        const on = section?.itemId === s.itemId;
        return (
          <button
            key={s.itemId}
            type="button"
            className={`pcase${on ? ' pcase--on' : ''}${item && item.state !== 'pending' ? ' pcase--done' : ''}`}
            onClick={() => s.slideCount && go(s.firstSlide)}
            disabled={s.slideCount === 0}
            aria-current={on ? 'true' : undefined}
          >
            <span className="pcase__num">{s.number}</span>
            <span className="pcase__name">
              <span className="pcase__label">{s.label}</span>
              <span className="pcase__meta" title={s.presenter || 'No presenter'}>
                {s.presenter || 'No presenter'}
              </span>
              <span className={`pcase__time${over ? ' is-over' : ''}`} data-testid="pcase-time">
                {t ? `${mmss(t)} / ` : ''}
                {s.minutes} min{over ? ' · over' : ''}
              </span>
              {item && item.decision.status !== 'none' && (
                <span className={`pcase__decision pcase__decision--${item.decision.status}`}>
                  {DECISION_STATUS_LABEL[item.decision.status]}
                </span>
              )}
            </span>
          </button>
        );
      })}
    </nav>
  );
}
