import { z } from 'zod';
import { CaseInput, CaseRecord, CaseStatus, CaseSummary, Mrn } from '../domain/case';

const Id = z.number().int().positive();

export const casesContract = {
  /** All cases, newest change first; `query` matches name, MRN or working diagnosis. */
  'cases:list': {
    input: z.object({ query: z.string().max(200).default(''), status: CaseStatus.optional() }).strict(),
    output: z.array(CaseSummary),
  },
  'cases:get': {
    input: z.object({ id: Id }).strict(),
    output: CaseRecord,
  },
  'cases:create': {
    input: CaseInput.strict(),
    output: CaseRecord,
  },
  'cases:update': {
    input: z.object({ id: Id, version: z.number().int(), fields: CaseInput.strict() }).strict(),
    output: CaseRecord,
  },
  /** Lets a form say "this MRN already belongs to ..." while the coordinator types. */
  'patients:lookupMrn': {
    input: z.object({ mrn: Mrn, exceptCaseId: Id.optional() }).strict(),
    output: z.object({
      available: z.boolean(),
      owner: z.object({ caseId: z.number().int(), patientName: z.string() }).nullable(),
    }),
  },
} as const;
