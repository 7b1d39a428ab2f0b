import { z } from 'zod';

/**
 * The one list of pathology procedures, for the report form, the stored report and the work-up checklist alike.
 * The reference names four; 'biopsy-not-specified' is for a report that says "biopsy" without saying core needle
 * or incisional (two demo seeds do): recording it as either would invent a fact. Rules key on these ids and on the
 * `biopsy` flag, never on the words shown (the `biopsy` item of docs/clinical-rules.md#work-up-before-the-board).
 */
export const PATHOLOGY_PROCEDURES = [
  'core-needle-biopsy',
  'incisional',
  'excision',
  'resection',
  'biopsy-not-specified',
] as const;

export const PathologyProcedure = z.enum(PATHOLOGY_PROCEDURES, {
  message:
    'Choose the procedure: core needle biopsy, incisional biopsy, excision, resection, or biopsy (type not stated)',
});
export type PathologyProcedure = z.infer<typeof PathologyProcedure>;

interface ProcedureInfo {
  /** As the form and the report card name it. */
  label: string;
  /** The specimen it gave, as the work-up checklist cites it as evidence ("Excision specimen (S-1)"). */
  specimen: string;
  /** A pre-operative tissue diagnosis (the checklist's `biopsy` item prefers these to a surgical specimen). */
  biopsy: boolean;
}

export const PROCEDURES: Record<PathologyProcedure, ProcedureInfo> = {
  'core-needle-biopsy': { label: 'Core needle biopsy', specimen: 'Core needle biopsy', biopsy: true },
  incisional: { label: 'Incisional biopsy', specimen: 'Incisional biopsy', biopsy: true },
  excision: { label: 'Excision', specimen: 'Excision specimen', biopsy: false },
  resection: { label: 'Resection', specimen: 'Resection specimen', biopsy: false },
  'biopsy-not-specified': { label: 'Biopsy (type not stated)', specimen: 'Biopsy, type not stated', biopsy: true },
};

export const PROCEDURE_LABEL = Object.fromEntries(PATHOLOGY_PROCEDURES.map((p) => [p, PROCEDURES[p].label])) as Record<
  PathologyProcedure,
  string
>;

export const isBiopsy = (p: PathologyProcedure): boolean => PROCEDURES[p].biopsy;
