import type { Db } from '../../db/open';
import { AUDIT_HASHED_COLUMNS, type AuditValue } from '../../db/audit-hash';

/** An audit_log row as the Audit screen and the CSV read it: the entry, its user's name and its patient's. */
export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  actor: string;
  session_id: number | null;
  workstation: string;
  action: string;
  entity: string;
  entity_id: string | null;
  patient_id: number | null;
  before_json: string | null;
  after_json: string | null;
  detail: string;
  prev_hash: string | null;
  hash: string | null;
  actor_name: string | null;
  mrn: string | null;
  family_name: string | null;
  given_names: string | null;
}

/** A filter as SQL sees it: the local days already turned into instants by the service. */
export interface AuditWhere {
  patientId?: number;
  patient?: string;
  user?: string;
  action?: string;
  entity?: string;
  /** ISO instants: from included, until excluded. */
  fromAt?: string;
  untilAt?: string;
  beforeId?: number;
}

const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The WHERE clause of a filter, parameters bound. A patient is found by the MRN typed (exactly, any case) or by
 * every word typed appearing in the family or given names; a patient deleted since is still found through the
 * logged rows of the patients table.
 */
function where(filter: AuditWhere): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.patientId !== undefined) {
    parts.push('a.patient_id = ?');
    params.push(filter.patientId);
  }
  const patient = filter.patient?.trim();
  if (patient) {
    const words = patient.split(/[\s,]+/).filter(Boolean);
    const named = (family: string, given: string) =>
      words.map(() => `(${family} LIKE ? ESCAPE '\\' OR ${given} LIKE ? ESCAPE '\\')`).join(' AND ');
    const wordParams = words.flatMap((w) => [likeText(w), likeText(w)]);
    const logged = (field: string) => `json_extract(coalesce(l.after_json, l.before_json), '$.${field}')`;
    parts.push(`a.patient_id IN (
      SELECT id FROM patients WHERE mrn = ? COLLATE NOCASE OR (${named('family_name', 'given_names')})
      UNION
      SELECT CAST(l.entity_id AS INTEGER) FROM audit_log l WHERE l.entity = 'patients'
        AND (${logged('mrn')} = ? COLLATE NOCASE OR (${named(logged('family_name'), logged('given_names'))})))`);
    params.push(patient, ...wordParams, patient, ...wordParams);
  }
  const user = filter.user?.trim();
  if (user) {
    parts.push(`(a.actor = ? COLLATE NOCASE OR a.actor LIKE ? ESCAPE '\\'
      OR a.user_id IN (SELECT id FROM users WHERE display_name LIKE ? ESCAPE '\\'))`);
    params.push(user, likeText(user), likeText(user));
  }
  if (filter.action) {
    parts.push('a.action = ?');
    params.push(filter.action);
  }
  if (filter.entity) {
    parts.push('a.entity = ?');
    params.push(filter.entity);
  }
  if (filter.fromAt) {
    parts.push('a.at >= ?');
    params.push(filter.fromAt);
  }
  if (filter.untilAt) {
    parts.push('a.at < ?');
    params.push(filter.untilAt);
  }
  if (filter.beforeId !== undefined) {
    parts.push('a.id < ?');
    params.push(filter.beforeId);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const SELECT = `
  SELECT a.*, u.display_name AS actor_name, p.mrn, p.family_name, p.given_names
  FROM audit_log a
  LEFT JOIN users u ON u.id = a.user_id
  LEFT JOIN patients p ON p.id = a.patient_id`;

/** Newest first, at most `limit`. */
export function listEntries(db: Db, filter: AuditWhere, limit: number): AuditRow[] {
  const w = where(filter);
  return db.prepare(`${SELECT} ${w.sql} ORDER BY a.id DESC LIMIT ?`).all(...w.params, limit) as AuditRow[];
}

/** Every matching entry, newest first, one at a time (the CSV of a long trail is not held twice). */
export function iterateEntries(db: Db, filter: AuditWhere): IterableIterator<AuditRow> {
  const w = where(filter);
  return db.prepare(`${SELECT} ${w.sql} ORDER BY a.id DESC`).iterate(...w.params) as IterableIterator<AuditRow>;
}

/** Columns read by verify, in this order: the hashed ones (AUDIT_HASHED_COLUMNS), then prev_hash and hash. */
export type ChainRow = [...AuditValue[]];
export const CHAIN_PREV = AUDIT_HASHED_COLUMNS.length;
export const CHAIN_HASH = AUDIT_HASHED_COLUMNS.length + 1;

/** The whole log in id order as raw arrays, streamed: verify keeps only the previous hash in memory. */
export function iterateChain(db: Db): IterableIterator<ChainRow> {
  return db
    .prepare(`SELECT ${AUDIT_HASHED_COLUMNS.join(', ')}, prev_hash, hash FROM audit_log ORDER BY id`)
    .raw()
    .iterate() as IterableIterator<ChainRow>;
}

export interface HeadRow {
  last_id: number;
  last_hash: string;
  entries: number;
}

export const head = (db: Db) =>
  db.prepare('SELECT last_id, last_hash, entries FROM audit_head WHERE id = 1').get() as HeadRow | undefined;

/** When this session last opened this record (ISO instant) since `sinceAt`, if it did. */
export function lastOpen(db: Db, sessionId: number, entity: string, entityId: string, sinceAt: string) {
  return db
    .prepare(
      `SELECT at FROM audit_log
       WHERE at >= ? AND action = 'open' AND session_id = ? AND entity = ? AND entity_id = ?
       ORDER BY id DESC LIMIT 1`,
    )
    .pluck()
    .get(sinceAt, sessionId, entity, entityId) as string | undefined;
}

/** The patient a case belongs to (for events about a case). */
export const patientOfCase = (db: Db, caseId: number) =>
  db.prepare('SELECT patient_id FROM cases WHERE id = ?').pluck().get(caseId) as number | undefined;
