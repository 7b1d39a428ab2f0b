import type { DeckSection, MeetingDeck } from '../../../shared/deck/model';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import type { SlideFrame } from '../../slides/frame';
import { proposedFromSlides } from '../meetings/decision-edits';
import { DecisionForm } from '../meetings/DecisionForm';
import type { SidePanel } from './presenter-keys';
import { SlideNotes } from './SlideNotes';

const TABS: [SidePanel, string][] = [
  ['notes', 'Notes'],
  ['decision', 'Decision'],
];

/** The side of the presenter view: the next slide, then the speaker notes or the decision for the case on screen. */
export function PresenterSide({
  deck,
  frames,
  index,
  meetingId,
  section,
  panel,
  setPanel,
}: {
  deck: MeetingDeck;
  frames: SlideFrame[];
  index: number;
  meetingId: number;
  section: DeckSection | null;
  panel: SidePanel;
  setPanel: (p: SidePanel) => void;
}) {
  const slide = deck.slides[index];
  const next = deck.slides[index + 1];
  const deciding = panel === 'decision';
  return (
    <aside className="presenter__side">
      <div className={`presenter__next${deciding ? ' presenter__next--small' : ''}`}>
        <div className="plabel">Next{deciding && next ? `: ${next.title}` : ''}</div>
        {deciding ? null : next ? (
          <SlideStage className="presenter__next-stage" label="Next slide">
            <SlideView slide={next} frame={frames[index + 1]} />
          </SlideStage>
        ) : (
          <div className="presenter__end">End of the deck</div>
        )}
      </div>
      <div className="ptabs" role="tablist" aria-label="Presenter panel">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={panel === id}
            className={`ptab${panel === id ? ' ptab--on' : ''}`}
            onClick={() => setPanel(id)}
            disabled={id === 'decision' && !section}
            title={id === 'decision' ? 'Decision for the case on screen (D)' : undefined}
          >
            {label}
            {id === 'decision' && section ? `: case ${section.number}` : ''}
          </button>
        ))}
      </div>
      <div className="presenter__panel" role="tabpanel">
        {deciding && section ? (
          <div className="presenter__decision">
            <DecisionForm
              key={section.itemId}
              itemId={section.itemId}
              meetingId={meetingId}
              compact
              proposed={proposedFromSlides(
                deck.slides.slice(section.firstSlide, section.firstSlide + section.slideCount),
              )}
            />
          </div>
        ) : (
          slide && (
            <SlideNotes
              key={slide.key}
              slide={slide}
              deidentified={deck.deidentified}
              frozen={Boolean(section?.frozen)}
            />
          )
        )}
      </div>
      <p className="pcases__keys">
        → Space PgDn next · ← PgUp back · Home End · <kbd>3</kbd> <kbd>Enter</kbd> case 3 · <kbd>F</kbd> slides only ·{' '}
        <kbd>D</kbd> decision · <kbd>V</kbd> viewer · <kbd>Esc</kbd> exit
      </p>
    </aside>
  );
}
