import { z } from 'zod';
import { ImportOutcome } from '../domain/imaging';
import { ExportJobStatus } from './exports';
import { JobId, jobSchema } from './job';
import { PacsRetrieveJobStatus, PacsSendJobStatus } from './pacs';

/** Where an import is: files examined and what became of them. `total` is null while the folders are still walked. */
export const ImportProgress = z.object({
  phase: z.enum(['starting', 'scanning', 'importing', 'indexing']),
  scanned: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  total: z.number().int().nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** An import job: `result` is the import report once done. */
export const ImportJobStatus = jobSchema('import', ImportProgress, ImportOutcome);
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

/** Every kind of job, told apart by `kind`. */
export const JobStatus = z.discriminatedUnion('kind', [
  ImportJobStatus,
  ExportJobStatus,
  PacsRetrieveJobStatus,
  PacsSendJobStatus,
]);
export type JobStatus = z.infer<typeof JobStatus>;
export type JobKind = JobStatus['kind'];

export const jobsContract = {
  /** Any job's state, progress and, once done, result. Finished jobs are forgotten after 30 minutes. */
  'jobs:status': { input: JobId, output: JobStatus },
  /** Asks a queued or running job to stop; answers its state (a job already ended is left as it is). */
  'jobs:cancel': { input: JobId, output: JobStatus },
} as const;
