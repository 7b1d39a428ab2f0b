import type { DeckImage, Slide } from './model';

/** The key images a slide draws, in order: an imaging slide's, and a response slide's baseline then current study's. */
export function slideImages(slide: Slide): DeckImage[] {
  switch (slide.kind) {
    case 'imaging':
      return slide.content.images;
    case 'response':
      return [...slide.content.baseline.images, ...slide.content.current.images];
    default:
      return [];
  }
}
