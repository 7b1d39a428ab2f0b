import { z } from 'zod';
import { CaseFilterOptions, SavedFilter, SavedFilterBody } from '../domain/case-search';

/** What the case list's filters offer, and each user's saved searches (issue 14 item 12). */
export const caseSearchContract = {
  'cases:filterOptions': {
    input: z.object({}).strict(),
    output: CaseFilterOptions,
  },
  /** The signed-in user's saved searches, by name. */
  'savedFilters:list': {
    input: z.object({}).strict(),
    output: z.array(SavedFilter),
  },
  /** Saves the search under `name` for the signed-in user; the same name again replaces it. */
  'savedFilters:save': {
    input: SavedFilterBody.extend({ name: z.string().trim().min(1).max(80) }).strict(),
    output: SavedFilter,
  },
  'savedFilters:remove': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ removed: z.literal(true) }),
  },
} as const;

export type CaseSearchChannel = keyof typeof caseSearchContract;
