import { Figures, FiguresQuery } from '../figures/figures';

/** Issue 14 item 11: the service's figures per board and date range (figures.read). The CSV is built from them. */
export const figuresContract = {
  'figures:get': { input: FiguresQuery, output: Figures },
} as const;

export type FiguresChannel = keyof typeof figuresContract;
