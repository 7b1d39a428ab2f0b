import type { DeckImage, Slide } from '../../../shared/deck/model';

/**
 * Live review at the board (issue 14 item 14): from a slide showing key images, the case's series opens in the
 * viewer at the key image's slice. Pure helpers; LiveReview.tsx draws it.
 */

/** The key images a slide shows (an imaging slide's, the response slide's current then baseline), or none. */
export function reviewImages(slide: Slide): DeckImage[] {
  if (slide.kind === 'imaging') return slide.content.images;
  if (slide.kind === 'response') return [...slide.content.current.images, ...slide.content.baseline.images];
  return [];
}

/** Whether a slide can open the viewer: a case's imaging or response slide (with or without key images yet). */
export const canReview = (slide: Slide): boolean =>
  slide.caseId !== null && (slide.kind === 'imaging' || slide.kind === 'response');

/** Where an image is: the series holding it and its slice in that series' stack. */
export interface SliceAt {
  seriesUid: string;
  index: number;
}

/** The series and slice of the image `sopInstanceUid` (frame `frame`) among the stacks loaded; null if in none. */
export function locateSlice(
  stacks: readonly { seriesUid: string; images: readonly { sopInstanceUid: string; frame: number }[] }[],
  sopInstanceUid: string,
  frame: number,
): SliceAt | null {
  for (const s of stacks) {
    const exact = s.images.findIndex((i) => i.sopInstanceUid === sopInstanceUid && i.frame === frame);
    const index = exact >= 0 ? exact : s.images.findIndex((i) => i.sopInstanceUid === sopInstanceUid);
    if (index >= 0) return { seriesUid: s.seriesUid, index };
  }
  return null;
}
