import { memo } from 'react';
import type { Slide } from '../../shared/deck/model';
import type { SlideFrame } from './frame';
import {
  AgendaSlideView,
  HistorySlideView,
  ImagingSlideView,
  PathologySlideView,
  PlanSlideView,
  ResponseSlideView,
  StagingSlideView,
  TitleSlideView,
} from './kinds';
import '../styles/slides.css';

/** Draws one slide of the deck model at its logical size (1600 x 900); wrap it in a SlideStage to scale it. */
export const SlideView = memo(function SlideView({
  slide,
  frame,
  onImageSettled,
}: {
  slide: Slide;
  frame: SlideFrame;
  onImageSettled?: () => void;
}) {
  switch (slide.kind) {
    case 'agenda':
      return <AgendaSlideView slide={slide} frame={frame} />;
    case 'title':
      return <TitleSlideView slide={slide} frame={frame} />;
    case 'history':
      return <HistorySlideView slide={slide} frame={frame} />;
    case 'imaging':
      return <ImagingSlideView slide={slide} frame={frame} onImageSettled={onImageSettled} />;
    case 'response':
      return <ResponseSlideView slide={slide} frame={frame} onImageSettled={onImageSettled} />;
    case 'pathology':
      return <PathologySlideView slide={slide} frame={frame} />;
    case 'staging':
      return <StagingSlideView slide={slide} frame={frame} />;
    case 'plan':
      return <PlanSlideView slide={slide} frame={frame} />;
  }
});
