import { z } from 'zod';

/**
 * Issue 12, item 5: the audit trail. Every row change of a clinical table is logged by trigger (migration 0007),
 * events that are not row changes (a record opened, an export, an import, a sign-in) by the services. Each entry
 * carries the hash of the one before it; audit:verify walks the chain. Administrators read it (audit.read).
 */

/** What the triggers log for a row of an audited table. */
export const AUDIT_ROW_ACTIONS = ['create', 'change', 'delete'] as const;

/**
 * What the services log besides row changes: an opened record, an export, an import, a sign-in and a failed one, a
 * sign-out, a lock, a verification of the chain, a detached study, a purge, a backup and a restore.
 */
export const AUDIT_EVENTS = [
  'open',
  'export',
  'import',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'lock',
  'unlock',
  'detach',
  'purge',
  'backup',
  'restore',
  // A run of `boardprep audit verify` or the Audit screen's "Verify chain", with its result.
  'verify',
] as const;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Not a calendar date');
const Text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** What the Audit screen, the CSV and `boardprep audit export` filter by; every field is optional. */
export const AuditFilter = z
  .object({
    /** One patient by patients.id (a link from a case). */
    patientId: z.number().int().positive().optional(),
    /** A patient as a person types it: an MRN (exactly), or part of the family or given names. */
    patient: Text(120).optional(),
    /** Who: a username, a display name (or part of it), or the command line's 'cli:<os user>'. */
    user: Text(120).optional(),
    /** create, change, delete, open, export, import, sign-in, ... */
    action: Text(40).optional(),
    /** A table name ('cases', 'pathology_reports') or an event's domain ('session', 'export'). */
    entity: Text(60).optional(),
    /** Local calendar days, both included. */
    from: Day.optional(),
    to: Day.optional(),
  })
  .strict();
export type AuditFilter = z.output<typeof AuditFilter>;

export const AuditEntry = z.object({
  id: z.number().int(),
  /** As written (ISO instant, UTC); screens format it with shared/dates. */
  at: z.string(),
  /** The username, 'cli:<os user>', 'system' or 'signed-out'. */
  actor: z.string(),
  /** The user's display name when the actor was a signed-in user. */
  actorName: z.string().nullable(),
  userId: z.number().int().nullable(),
  sessionId: z.number().int().nullable(),
  workstation: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  patientId: z.number().int().nullable(),
  /** The patient as the record names them now (null when the entry has none or the patient is gone). */
  patient: z.object({ mrn: z.string(), name: z.string() }).nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `beforeId` for the next (older) page; null when there is none. */
  nextBeforeId: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditBreak = z.object({
  /** The first entry that does not hold, or (a deleted tail) the first one missing. */
  id: z.number().int(),
  reason: z.string(),
  /** What the entry says, when it exists: for the message naming it. */
  entry: z
    .object({
      at: z.string(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      actor: z.string(),
    })
    .nullable(),
});
export type AuditBreak = z.infer<typeof AuditBreak>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Entries walked. */
  entries: z.number().int(),
  /** The last entry walked and its hash: kept elsewhere, a later log that does not extend it was rewritten. */
  lastId: z.number().int(),
  lastHash: z.string(),
  firstBroken: AuditBreak.nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AUDIT_PAGE_MAX = 500;

export const auditContract = {
  'audit:list': {
    input: AuditFilter.extend({
      /** Newest first: entries older than this id (the previous page's nextBeforeId). */
      beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(AUDIT_PAGE_MAX, `At most ${AUDIT_PAGE_MAX} entries a page`).default(100),
    }).strict(),
    output: AuditPage,
  },
  /** Walks the whole chain; the run itself is logged ('verify'). */
  'audit:verify': { input: z.object({}).strict(), output: AuditVerification },
  /**
   * The filtered entries as CSV text (RFC 4180), for the page to save: the same in both transports, and nothing
   * left in the data folder. Logged as an export.
   */
  'audit:csv': {
    input: AuditFilter,
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
} as const;

export type AuditChannel = keyof typeof auditContract;
