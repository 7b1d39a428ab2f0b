import type { Slide } from '../../../shared/deck/model';
import type { SlideFrame } from '../../slides/frame';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import { MoveButtons } from './MoveButtons';

/** One slide in the editor's list: its thumbnail and title to pick it, and (case slides) move and hide. */
export function SlideEntry({
  slide,
  frame,
  selected,
  onSelect,
  onUp,
  onDown,
  onHide,
}: {
  slide: Slide;
  frame: SlideFrame;
  selected: boolean;
  onSelect: () => void;
  onUp?: () => void;
  onDown?: () => void;
  onHide?: () => void;
}) {
  return (
    <div className={`slide-entry${selected ? ' slide-entry--on' : ''}${slide.hidden ? ' slide-entry--hidden' : ''}`}>
      <button
        type="button"
        className="slide-entry__pick"
        onClick={onSelect}
        aria-current={selected ? 'true' : undefined}
      >
        {/* The name is the visible title and tags; the thumbnail repeats the slide's whole text. */}
        <SlideStage className="slide-entry__thumb" decorative>
          <SlideView slide={slide} frame={frame} />
        </SlideStage>
        <span className="slide-entry__text">
          <span className="slide-entry__title">{slide.title}</span>
          <span className="slide-entry__tags">
            {slide.hidden ? <span className="mchip">Hidden</span> : <span className="muted small">{frame.number}</span>}
            {slide.edited.length > 0 && <span className="mchip mchip--edited">Edited</span>}
          </span>
        </span>
      </button>
      {onHide && (
        <span className="slide-entry__tools">
          <MoveButtons name={slide.title} onUp={onUp} onDown={onDown} />
          <button
            type="button"
            className="icon-button icon-button--text"
            onClick={onHide}
            aria-label={`${slide.hidden ? 'Show' : 'Hide'} ${slide.title}`}
          >
            {slide.hidden ? 'Show' : 'Hide'}
          </button>
        </span>
      )}
    </div>
  );
}
