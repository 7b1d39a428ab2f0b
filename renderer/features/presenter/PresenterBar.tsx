import type { DeckSection, MeetingDeck } from '../../../shared/deck/model';
import { hrefFor } from '../../router';
import { shortDate } from '../../slides/frame';
import type { useCaseTimers } from './case-timers';
import { CaseTimer } from './CaseTimer';
import type { useAudienceLink } from './useAudienceLink';

interface BarProps {
  deck: MeetingDeck;
  meetingId: number;
  deidentified: boolean;
  index: number;
  section: DeckSection | null;
  timers: ReturnType<typeof useCaseTimers>;
  audience: ReturnType<typeof useAudienceLink>;
  onSlidesOnly: () => void;
  onLeave: () => void;
}

/** The presenter's top bar: the meeting, where the deck is, the case timer, and the window's actions. */
export function PresenterBar({ deck, meetingId, deidentified, index, section, timers, audience, ...on }: BarProps) {
  return (
    <>
      <header className="presenter__bar">
        <div className="presenter__title" title={`${deck.title}, ${shortDate(deck.startsAt)}`}>
          <strong>{deck.title}</strong>
          {deck.deidentified && <span className="mchip mchip--deid">De-identified</span>}
        </div>
        <div className="presenter__where" aria-live="polite">
          <span className="presenter__pos" data-testid="presenter-position">
            {index + 1} / {deck.slides.length}
          </span>
          {section ? (
            <>
              Case <strong>{section.number}</strong> of {deck.sections.length}
              {section.label !== `Case ${section.number}` ? `: ${section.label}` : ''}
            </>
          ) : (
            'Agenda'
          )}
        </div>
        <CaseTimer section={section} timers={timers} />
        <div className="presenter__actions">
          <button
            type="button"
            className={`pbutton${audience.open ? ' pbutton--on' : ''}`}
            data-testid="audience-button"
            title={audience.open ? 'The audience window is open and follows this view' : 'No audience window open'}
            onClick={audience.openWindow}
          >
            {audience.open ? 'Audience window ✓' : 'Open audience window'}
          </button>
          <a
            className={`pbutton${deidentified ? ' pbutton--on' : ''}`}
            href={`${hrefFor({ name: 'present', id: meetingId, deidentified: !deidentified })}${deidentified ? '?' : '&'}slide=${index}`}
            title="For teaching and second opinions: no names, MRNs or dates of birth on the slides"
          >
            {deidentified ? 'De-identified ✓' : 'De-identify'}
          </a>
          <button type="button" className="pbutton" onClick={on.onSlidesOnly} title="Slides only, full screen (F)">
            Slides only
          </button>
          <button type="button" className="pbutton" onClick={on.onLeave} title="Leave presenter mode (Esc)">
            Exit
          </button>
        </div>
      </header>
      {audience.notice && (
        <div className={`presenter__notice${audience.notice.ok ? '' : ' is-error'}`} role="status">
          {audience.notice.text}
          <button type="button" className="pbutton pbutton--small" onClick={audience.dismiss} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </>
  );
}
