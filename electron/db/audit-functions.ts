import type { Database } from 'better-sqlite3';
import { currentActor } from './actor';
import { auditHash, type AuditValue } from './audit-hash';

/**
 * The SQL functions the audit triggers call (migration 0007). Registered on every connection before it migrates.
 * A connection without them (the sqlite3 shell) cannot change an audited table: the trigger fails, so nothing
 * changes unlogged.
 */
export function registerAuditFunctions(db: Database): void {
  db.function('bp_now', () => new Date().toISOString());
  db.function('bp_user_id', () => currentActor().userId);
  db.function('bp_actor', () => currentActor().name);
  db.function('bp_session_id', () => currentActor().sessionId);
  db.function('bp_workstation', () => currentActor().workstation);
  db.function('bp_audit_hash', { deterministic: true, varargs: true }, (previous: unknown, ...values: unknown[]) =>
    auditHash(typeof previous === 'string' ? previous : '', values as AuditValue[]),
  );
}
