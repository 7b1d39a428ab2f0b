import type { Db } from '../../db/open';
import { currentActor } from '../../db/actor';
import { AUDIT_HASHED_COLUMNS, auditHash, type AuditValue } from '../../db/audit-hash';
import { writeTransaction } from '../../db/transaction';
import type { AuditBreak, AuditEntry, AuditFilter, AuditPage, AuditVerification } from '../../../shared/contract/audit';
import { localIsoDate } from '../../../shared/dates';
import { DomainError } from '../errors';
import { recordEvent } from './audit-events';
import { csvRecord } from '../../../shared/csv';
import * as sql from './audit-sql';

/** A record opened again by the same session within this many minutes is not logged again (cases:get refetches). */
export const OPEN_DEDUPE_MINUTES = 30;

const COLUMN = Object.fromEntries(AUDIT_HASHED_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof AUDIT_HASHED_COLUMNS)[number],
  number
>;

/** The CSV's columns: the entry as written (dates as stored, before/after as JSON), then its place in the chain. */
const CSV_HEADER = [
  'id',
  'at',
  'actor',
  'actor_name',
  'user_id',
  'session_id',
  'workstation',
  'action',
  'entity',
  'entity_id',
  'patient_id',
  'patient_mrn',
  'patient_name',
  'detail',
  'before_json',
  'after_json',
  'prev_hash',
  'hash',
];

/** Local midnight of a 'YYYY-MM-DD' day, as the ISO instant the log stores; `days` later when asked. */
function localMidnight(day: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + days).toISOString();
}

function toWhere(filter: AuditFilter & { beforeId?: number }): sql.AuditWhere {
  if (filter.from && filter.to && filter.from > filter.to)
    throw new DomainError('invalid-input', `The period ends (${filter.to}) before it starts (${filter.from})`, 'to');
  return {
    patientId: filter.patientId,
    patient: filter.patient || undefined,
    user: filter.user || undefined,
    action: filter.action || undefined,
    entity: filter.entity || undefined,
    fromAt: filter.from ? localMidnight(filter.from) : undefined,
    untilAt: filter.to ? localMidnight(filter.to, 1) : undefined,
    beforeId: filter.beforeId,
  };
}

const parseObject = (json: string | null): Record<string, unknown> | null => {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
};

const patientName = (row: sql.AuditRow) =>
  row.family_name === null ? '' : `${row.family_name.toUpperCase()}, ${row.given_names ?? ''}`;

function toEntry(row: sql.AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    userId: row.user_id,
    sessionId: row.session_id,
    workstation: row.workstation,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    patientId: row.patient_id,
    patient: row.mrn === null ? null : { mrn: row.mrn, name: patientName(row) },
    before: parseObject(row.before_json),
    after: parseObject(row.after_json),
    detail: row.detail,
  };
}

/** "2026-12-03 10:02" in local time: how the command line names when an entry was written. */
function localStamp(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localIsoDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "Entry 1234 (2026-12-03 10:02, change cases 12 by chair): its hash does not match ...". */
export function describeBreak(b: AuditBreak): string {
  const e = b.entry;
  const what = e
    ? ` (${localStamp(e.at)}, ${e.action} ${e.entity}${e.entityId !== null ? ` ${e.entityId}` : ''} by ${e.actor})`
    : '';
  return `Entry ${b.id}${what}: ${b.reason}`;
}

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Newest first, a page at a time. */
  list(filter: AuditFilter & { beforeId?: number; limit: number }): AuditPage {
    const rows = sql.listEntries(this.db, toWhere(filter), filter.limit + 1);
    const page = rows.slice(0, filter.limit).map(toEntry);
    return { entries: page, nextBeforeId: rows.length > filter.limit ? page[page.length - 1].id : null };
  }

  /**
   * Walks the whole log in id order: each entry's hash recomputed from its content and the hash before it, its
   * prev_hash link, no id skipped (a gap is a deleted entry), and at the end audit_head (the last id, its hash and
   * the count of entries ever written), which catches entries deleted from the end. Streams the rows: a 100k-entry
   * log is read once, nothing held but the previous hash. Logs the run itself as a 'verify' event.
   */
  verify(): AuditVerification {
    const result = this.walk();
    writeTransaction(this.db, () =>
      recordEvent(this.db, {
        action: 'verify',
        entity: 'audit_log',
        detail: result.ok
          ? `the chain of ${result.entries} entries is intact`
          : `the chain is broken: ${describeBreak(result.firstBroken!)}`,
        facts: { ok: result.ok, entries: result.entries, firstBroken: result.firstBroken?.id ?? null },
      }),
    );
    return result;
  }

  private walk(): AuditVerification {
    let previousHash = '';
    let lastId = 0;
    let entries = 0;
    const broken = (row: AuditValue[], reason: string): AuditVerification => ({
      ok: false,
      entries,
      lastId,
      lastHash: previousHash,
      firstBroken: {
        id: Number(row[COLUMN.id]),
        reason,
        entry: {
          at: String(row[COLUMN.at]),
          action: String(row[COLUMN.action]),
          entity: String(row[COLUMN.entity]),
          entityId: row[COLUMN.entity_id] === null ? null : String(row[COLUMN.entity_id]),
          actor: String(row[COLUMN.actor]),
        },
      },
    });
    for (const row of sql.iterateChain(this.db)) {
      entries += 1;
      const id = Number(row[COLUMN.id]);
      if (id !== lastId + 1) {
        const missing = id - 1 === lastId + 1 ? `entry ${lastId + 1} is` : `entries ${lastId + 1} to ${id - 1} are`;
        return broken(row, `${missing} missing before it — deleted from the log`);
      }
      if (row[sql.CHAIN_PREV] !== previousHash)
        return broken(row, 'its link to the entry before it does not match — the chain was rewritten here');
      const hash = auditHash(previousHash, row.slice(0, sql.CHAIN_PREV));
      if (row[sql.CHAIN_HASH] !== hash)
        return broken(row, 'its hash does not match its content — the row was changed after it was written');
      previousHash = hash;
      lastId = id;
    }
    const head = sql.head(this.db);
    const end = { entries, lastId, lastHash: previousHash };
    if (!head) return { ok: false, ...end, firstBroken: { id: lastId + 1, reason: 'audit_head is gone', entry: null } };
    if (head.last_id !== lastId || head.last_hash !== previousHash || head.entries !== entries) {
      const tail =
        head.last_id > lastId
          ? `entries ${lastId + 1} to ${head.last_id} are missing — the log ends at entry ${lastId} but ${head.entries} were written (deleted from the end)`
          : `the log's head (last entry ${head.last_id}, ${head.entries} written) does not match its last entry ${lastId} — the head was rewritten`;
      return { ok: false, ...end, firstBroken: { id: lastId + 1, reason: tail, entry: null } };
    }
    return { ok: true, ...end, firstBroken: null };
  }

  /** The filtered entries as CSV, newest first, with a header row; logged as an export of the trail. */
  csv(filter: AuditFilter): { fileName: string; csv: string; rows: number } {
    const parts = [csvRecord(CSV_HEADER)];
    let rows = 0;
    for (const row of sql.iterateEntries(this.db, toWhere(filter))) {
      rows += 1;
      parts.push(
        csvRecord([
          row.id,
          row.at,
          row.actor,
          row.actor_name,
          row.user_id,
          row.session_id,
          row.workstation,
          row.action,
          row.entity,
          row.entity_id,
          row.patient_id,
          row.mrn,
          row.family_name === null ? null : patientName(row),
          row.detail,
          row.before_json,
          row.after_json,
          row.prev_hash,
          row.hash,
        ]),
      );
    }
    const fileName = `audit-${localIsoDate(this.now())}.csv`;
    const filters = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
    writeTransaction(this.db, () =>
      recordEvent(this.db, {
        action: 'export',
        entity: 'audit_log',
        patientId: filter.patientId ?? null,
        detail: `audit trail as CSV (${rows} entries, with patient identifiers) for ${currentActor().displayName}${
          filters.length ? `; filtered by ${filters.map(([k, v]) => `${k} ${String(v)}`).join(', ')}` : ''
        }`,
        facts: { kind: 'audit-csv', rows, deidentified: false, filter: Object.fromEntries(filters) },
      }),
    );
    return { fileName, csv: parts.join(''), rows };
  }

  /**
   * Logs that a session opened a record, at most once per session and record every OPEN_DEDUPE_MINUTES (screens
   * read a record again and again). Calls without a session (the command line) are not openings by a person.
   */
  recordOpen(open: { entity: string; entityId: number; patientId: number | null }): boolean {
    const actor = currentActor();
    if (actor.sessionId === null) return false;
    const since = new Date(this.now().getTime() - OPEN_DEDUPE_MINUTES * 60_000).toISOString();
    return writeTransaction(this.db, () => {
      if (sql.lastOpen(this.db, actor.sessionId!, open.entity, String(open.entityId), since)) return false;
      recordEvent(this.db, { action: 'open', entity: open.entity, entityId: open.entityId, patientId: open.patientId });
      return true;
    });
  }
}
