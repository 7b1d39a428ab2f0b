import type { Db } from '../../db/open';
import { AUDIT_EVENTS } from '../../../shared/contract/audit';

/**
 * What the audit trail records besides row changes (which the triggers of migration 0007 log by themselves): the
 * list lives in shared/contract/audit.ts, where the Audit screen offers it as a filter.
 */
export { AUDIT_EVENTS };
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEventInput {
  action: AuditEvent;
  /** What it concerns: a table name ('cases', 'dicom_studies') or a domain ('session', 'export'). */
  entity: string;
  entityId?: string | number | null;
  patientId?: number | null;
  /** A sentence a reviewer reads: what, for whom, de-identified or not, why. */
  detail?: string;
  /** Structured facts (kind, file, counts), as JSON. */
  facts?: Record<string, unknown>;
}

/** Appends one event for the actor of the call under way (electron/db/actor.ts); sealed into the chain by trigger. */
export function recordEvent(db: Db, event: AuditEventInput): void {
  db.prepare(
    `INSERT INTO audit_log (at, user_id, actor, session_id, workstation, action, entity, entity_id, patient_id,
                            after_json, detail)
     VALUES (bp_now(), bp_user_id(), bp_actor(), bp_session_id(), bp_workstation(), ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.action,
    event.entity,
    event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
    event.patientId ?? null,
    event.facts ? JSON.stringify(event.facts) : null,
    event.detail ?? '',
  );
}
