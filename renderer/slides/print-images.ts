import { createContext, useContext } from 'react';
import type { DeckImage, Slide } from '../../shared/deck/model';
import { slideImages } from '../../shared/deck/slide-images';
import { keyImageJpegPath } from '../../shared/imaging/key-image-jpeg';
import { mediaSrc } from '../web-access';

/**
 * Set by the print views: slides show each key image's JPEG for print (shared/imaging/key-image-jpeg.ts) rather
 * than its PNG, falling back to the PNG where none is kept yet. The screen and the projector keep the PNGs.
 */
export const PrintImages = createContext(false);

export const usePrintImages = () => useContext(PrintImages);

/** Whether a print view asks for this image's JPEG first (a key image's PNG has one, or will have). */
export const hasPrintJpeg = (image: DeckImage) => keyImageJpegPath(image.src) !== null;

/** The address a print view asks for an image at first: its JPEG for print, or the image itself. */
export const printImageSrc = (image: DeckImage) => mediaSrc(keyImageJpegPath(image.src) ?? image.src);

/** Held until the page closes: an image nobody holds may be dropped before the slide that draws it asks. */
const preloaded: HTMLImageElement[] = [];

/**
 * Starts loading every image the print view of these slides draws, as soon as the deck arrives (data/early-reads.ts)
 * rather than once every slide is built and its text fitted: the 80 JPEGs of a 40-case deck come in meanwhile. The
 * slides' <img> ask for the same addresses, and a page loads one address once.
 */
export function preloadPrintImages(slides: readonly Slide[]): void {
  for (const image of slides.flatMap(slideImages)) {
    if (image.missing) continue;
    const img = new Image();
    img.src = printImageSrc(image);
    preloaded.push(img);
  }
}
