/**
 * Key images are kept as lossless PNGs (the viewer, the presenter, PowerPoint) and beside each one a JPEG of this
 * quality for print: the deck's print view loads the JPEG, and the PDF embeds it as it is. A PNG costs Chromium
 * three times the bytes to load and is deflated again into the PDF (a 40-case deck printed several times slower).
 */
export const PRINT_JPEG_QUALITY = 0.92;

const KEY_IMAGE_PNG = /^\/media\/key-images\/(\d+)\.png$/;

/** The address of a key image's JPEG ('/media/key-images/3.png' gives '/media/key-images/3.jpg'), else null. */
export function keyImageJpegPath(pngPath: string): string | null {
  const m = KEY_IMAGE_PNG.exec(pngPath);
  return m ? `/media/key-images/${m[1]}.jpg` : null;
}
