import { createContext, useContext } from 'react';

/**
 * Set by the print views: slides show each key image's JPEG for print (shared/imaging/key-image-jpeg.ts) rather
 * than its PNG, falling back to the PNG where none is kept yet. The screen and the projector keep the PNGs.
 */
export const PrintImages = createContext(false);

export const usePrintImages = () => useContext(PrintImages);
