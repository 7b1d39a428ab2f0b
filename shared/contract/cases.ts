import { z } from 'zod';
import { CaseInput, CaseRecord, Mrn } from '../domain/case';
import { CASE_PAGE_MAX, CaseFilters, CasePage } from '../domain/case-search';
import { CaseEpisodes, MrnPatient } from '../domain/episode';

const Id = z.number().int().positive();

export const casesContract = {
  /**
   * One page of the cases matching `query` and `filters`, newest change first, and how many match in all. Every word
   * of `query` must match the name, MRN, working diagnosis, tumour site, consultant, histotype, grade ("G3") or
   * stage group ("stage IIIA", "IIIA"); issue 14 item 12.
   */
  'cases:list': {
    input: z
      .object({
        query: z.string().max(200).default(''),
        filters: CaseFilters.default({}),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(CASE_PAGE_MAX).default(50),
      })
      .strict(),
    output: CasePage,
  },
  'cases:get': {
    input: z.object({ id: Id }).strict(),
    output: CaseRecord,
  },
  /**
   * A new case. With `patientId` it is a new episode of that patient (issue 13): the MRN must be the patient's and
   * the name, date of birth and sex those on record (a difference is refused, naming it; demographics are changed
   * from an episode's record, never silently by a new one). Without it, an MRN already on record is refused with
   * the offer of a new episode.
   */
  'cases:create': {
    input: CaseInput.extend({ patientId: Id.optional() }).strict(),
    output: CaseRecord,
  },
  'cases:update': {
    input: z.object({ id: Id, version: z.number().int(), fields: CaseInput.strict() }).strict(),
    output: CaseRecord,
  },
  /** The patient's other episodes with their board outcomes, and which episode this case is. */
  'cases:episodes': {
    input: z.object({ caseId: Id }).strict(),
    output: CaseEpisodes,
  },
  /**
   * Lets a form say whose MRN this is while the coordinator types: `available` is false when the MRN belongs to
   * another patient than the case's own (`exceptCaseId`); `patient` names that patient with their episodes, so a
   * new case can be created as a new episode of them.
   */
  'patients:lookupMrn': {
    input: z.object({ mrn: Mrn, exceptCaseId: Id.optional() }).strict(),
    output: z.object({
      available: z.boolean(),
      owner: z.object({ caseId: z.number().int(), patientName: z.string() }).nullable(),
      patient: MrnPatient.nullable(),
    }),
  },
} as const;
