import { readableDates, sentenceCase } from './format';
import type { CaseDeckInput } from './input';
import type { DeckImage } from './model';

/** A key image as a slide shows it (imaging and Response slides): caption, render, measurements, readable series. */
export function deckImageOf(k: CaseDeckInput['keyImages'][number]): DeckImage {
  return {
    keyImageId: k.id,
    caption: k.caption,
    src: k.renderUrl,
    measurements: k.measurements,
    studyDate: k.studyDate,
    seriesDescription: k.seriesDescription === null ? null : readableDates(sentenceCase(k.seriesDescription)),
    burnedInOnly: false,
  };
}
