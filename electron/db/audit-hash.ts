import { createHash } from 'node:crypto';

/** The columns of an audit_log row that its hash covers, in this order. */
export const AUDIT_HASHED_COLUMNS = [
  'id',
  'at',
  'user_id',
  'actor',
  'session_id',
  'workstation',
  'action',
  'entity',
  'entity_id',
  'patient_id',
  'before_json',
  'after_json',
  'detail',
] as const;

export type AuditValue = string | number | bigint | null;

/**
 * One definition of an audit entry's hash: SHA-256 of the previous entry's hash and the entry's own columns, as a
 * JSON array (unambiguous: no separator can be forged by a value). The seal trigger calls it through the SQL
 * function bp_audit_hash; `audit verify` calls it directly.
 */
export function auditHash(previous: string, values: readonly AuditValue[]): string {
  const normal = values.map((v) => (typeof v === 'bigint' ? Number(v) : v));
  return createHash('sha256')
    .update(JSON.stringify([previous, ...normal]))
    .digest('hex');
}
