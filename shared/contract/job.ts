import { z } from 'zod';

/**
 * Long work (imports, exports, the PACS transfers to come) runs as a job: started by one call that answers its id,
 * polled for progress, cancelled by another call. Every kind has the same states and the same shape; what differs
 * is typed per kind: its progress (counts, a phase) and its result (the import report, the file written).
 */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

/** Queued or running: still worth polling, and cancel still does something. */
export const isJobActive = (state: JobState): boolean => state === 'queued' || state === 'running';

/** A job of one kind, as status and cancel answer it. */
export interface Job<Progress, Result, Kind extends string = string> {
  id: string;
  kind: Kind;
  state: JobState;
  /** Where the work is; set from the start (a kind's "nothing done yet"), updated while it runs. */
  progress: Progress;
  /** Set only when `state` is 'done'. */
  result: Result | null;
  /** Why it failed, or what a cancel left behind ("nothing was kept"), in words for the user; null otherwise. */
  error: string | null;
}

/** The schema of one kind's job: the variant of the jobs union discriminated by `kind`. */
export function jobSchema<K extends string, P extends z.ZodType, R extends z.ZodType>(kind: K, progress: P, result: R) {
  return z.object({
    id: z.string(),
    kind: z.literal(kind),
    state: JobState,
    progress,
    result: result.nullable(),
    error: z.string().nullable(),
  });
}

export const JobStarted = z.object({ jobId: z.string() });
export const JobId = z.object({ jobId: z.string().min(1) }).strict();
