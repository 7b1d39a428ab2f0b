import { z } from 'zod';
import { ImportOutcome } from '../domain/imaging';
import {
  PacsNode,
  PacsNodeInput,
  PacsSeries,
  PacsStudy,
  PacsStudyQuery,
  PacsTestResult,
  PacsTransport,
} from '../domain/pacs';
import { jobSchema, JobStarted } from './job';

const NodeId = z.number({ message: 'Choose a PACS node' }).int().positive();
const CaseId = z.number({ message: 'Choose a case' }).int().positive();
const Uid = z
  .string()
  .trim()
  .min(1, 'Give a DICOM UID')
  .max(64, 'A DICOM UID has at most 64 characters')
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'A DICOM UID is digits and dots');

/** Where a retrieval is: instances expected (null until known), received, and already held (not fetched again). */
export const PacsRetrieveProgress = z.object({
  phase: z.enum(['starting', 'querying', 'receiving', 'importing']),
  expected: z.number().int().nullable(),
  received: z.number().int(),
  skipped: z.number().int(),
  /** The import's own counts once the instances are in (phase 'importing'). */
  imported: z.number().int(),
});
export type PacsRetrieveProgress = z.infer<typeof PacsRetrieveProgress>;

export const PacsRetrieveResult = z.object({
  transferId: z.number().int(),
  node: z.string(),
  transport: PacsTransport,
  received: z.number().int(),
  skipped: z.number().int(),
  import: ImportOutcome,
});
export type PacsRetrieveResult = z.infer<typeof PacsRetrieveResult>;
export const PacsRetrieveJobStatus = jobSchema('pacs-retrieve', PacsRetrieveProgress, PacsRetrieveResult);
export type PacsRetrieveJobStatus = z.infer<typeof PacsRetrieveJobStatus>;

export const PacsSendProgress = z.object({
  phase: z.enum(['starting', 'writing', 'sending']),
  total: z.number().int().nullable(),
  sent: z.number().int(),
});
export type PacsSendProgress = z.infer<typeof PacsSendProgress>;

/** What a send put in the PACS: one Secondary Capture per key image and one Key Object Selection per study. */
export const PacsSendResult = z.object({
  node: z.string(),
  transport: PacsTransport,
  secondaryCaptures: z.number().int(),
  keyObjects: z.number().int(),
  /** The series "BoardPrep key images" per source study. */
  seriesUids: z.array(z.string()),
});
export type PacsSendResult = z.infer<typeof PacsSendResult>;
export const PacsSendJobStatus = jobSchema('pacs-send', PacsSendProgress, PacsSendResult);
export type PacsSendJobStatus = z.infer<typeof PacsSendJobStatus>;

/** A study on the PACS of this case's patient that BoardPrep does not hold (or holds in part). */
export const PacsPriors = z.object({
  node: z.string().nullable(),
  /** Null when no node is set up or the case's patient has no MRN; otherwise the answer or why there is none. */
  studies: z.array(PacsStudy),
  error: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type PacsPriors = z.infer<typeof PacsPriors>;

/** Issue 15: PACS nodes (settings), query and retrieve from a case, key images back to the PACS. */
export const pacsContract = {
  /** Every node, by name; never a secret. */
  'pacs:nodes': { input: z.object({}).strict(), output: z.array(PacsNode) },
  /** Creates (id null) or updates a node (at the version it was read). */
  'pacs:saveNode': {
    input: z.object({ id: NodeId.nullable(), version: z.number().int().min(0), node: PacsNodeInput }).strict(),
    output: PacsNode,
  },
  'pacs:removeNode': { input: z.object({ id: NodeId }).strict(), output: z.object({ removed: z.boolean() }) },
  /** C-ECHO and/or a QIDO-RS request, per transport the node has; says what failed in plain words. */
  'pacs:test': { input: z.object({ id: NodeId }).strict(), output: z.array(PacsTestResult) },
  /** Studies on the node; each marked as already imported in full, in part, or not. */
  'pacs:query': {
    input: z.object({ nodeId: NodeId, query: PacsStudyQuery }).strict(),
    output: z.array(PacsStudy),
  },
  'pacs:series': {
    input: z.object({ nodeId: NodeId, studyUid: Uid }).strict(),
    output: z.array(PacsSeries),
  },
  /** Retrieves a study (or some of its series) into the case, through the same import as files; a job (jobs:status). */
  'pacs:retrieve': {
    input: z
      .object({
        nodeId: NodeId,
        caseId: CaseId,
        studyUid: Uid,
        seriesUids: z.array(Uid).max(500).default([]),
        confirmMismatch: z.boolean().default(false),
      })
      .strict(),
    output: JobStarted,
  },
  /** The patient's studies on the first node not yet imported (one query, run in the background, kept briefly). */
  'pacs:priors': { input: z.object({ caseId: CaseId }).strict(), output: PacsPriors },
  /** Sends the case's key images (Secondary Capture, burned-in measurements) and one KOS per study. */
  'pacs:send': { input: z.object({ nodeId: NodeId, caseId: CaseId }).strict(), output: JobStarted },
} as const;

export type PacsChannel = keyof typeof pacsContract;
