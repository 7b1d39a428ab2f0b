/** The slide model (pure): case record -> slides, so the screen, the PDF and the PPTX agree. */
export * from './model';
export * from './build';
export * from './deidentify';
export * from './format';
export type * from './input';
