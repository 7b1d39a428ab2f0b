import type { Db } from '../../db/open';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  specialty: string | null;
  password_hash: string;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionRow {
  id: number;
  user_id: number;
  workstation: string;
  started_at: string;
  last_seen_at: string;
  locked_at: string | null;
  ended_at: string | null;
}

export interface SettingsRow {
  auth_policy: string;
  lock_minutes: number;
  demo_users: number;
}

export const userById = (db: Db, id: number) =>
  db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
export const userByName = (db: Db, username: string) =>
  db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
export const allUsers = (db: Db) => db.prepare('SELECT * FROM users ORDER BY display_name, id').all() as UserRow[];
export const userCount = (db: Db) => db.prepare('SELECT count(*) FROM users').pluck().get() as number;

export function insertUser(
  db: Db,
  u: {
    username: string;
    displayName: string;
    role: string;
    specialty: string | null;
    hash: string;
    mustChange: boolean;
  },
  now: string,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO users (username, display_name, role, specialty, password_hash, must_change_password, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(u.username, u.displayName, u.role, u.specialty, u.hash, u.mustChange ? 1 : 0, now, now).lastInsertRowid,
  );
}

export function updateUser(
  db: Db,
  id: number,
  u: { displayName: string; role: string; specialty: string | null; disabledAt: string | null },
  now: string,
): void {
  db.prepare(
    'UPDATE users SET display_name = ?, role = ?, specialty = ?, disabled_at = ?, updated_at = ? WHERE id = ?',
  ).run(u.displayName, u.role, u.specialty, u.disabledAt, now, id);
}

export function setPassword(db: Db, id: number, hash: string, mustChange: boolean, now: string): void {
  db.prepare('UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?').run(
    hash,
    mustChange ? 1 : 0,
    now,
    id,
  );
}

export const sessionByTokenHash = (db: Db, tokenHash: string) =>
  db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;

export function insertSession(db: Db, tokenHash: string, userId: number, workstation: string, now: string): number {
  return Number(
    db
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, workstation, started_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(tokenHash, userId, workstation, now, now).lastInsertRowid,
  );
}

export const touchSession = (db: Db, id: number, now: string) =>
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now, id);
export const setSessionLocked = (db: Db, id: number, lockedAt: string | null) =>
  db.prepare('UPDATE sessions SET locked_at = ? WHERE id = ?').run(lockedAt, id);
export const endSession = (db: Db, id: number, reason: string, now: string) =>
  db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(now, reason, id);
export const endUserSessions = (db: Db, userId: number, reason: string, now: string) =>
  db
    .prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL')
    .run(now, reason, userId);

export const settings = (db: Db) =>
  db.prepare('SELECT auth_policy, lock_minutes, demo_users FROM app_settings WHERE id = 1').get() as SettingsRow;
export const setSecurity = (db: Db, policy: string, lockMinutes: number) =>
  db.prepare('UPDATE app_settings SET auth_policy = ?, lock_minutes = ? WHERE id = 1').run(policy, lockMinutes);
export const setDemoUsers = (db: Db) => db.prepare('UPDATE app_settings SET demo_users = 1 WHERE id = 1').run();

/** Failed sign-ins for a username since its last success, from the audit trail itself (no separate counter). */
export function recentFailures(db: Db, username: string, since: string): number {
  return db
    .prepare(
      `SELECT count(*) FROM audit_log
       WHERE action = 'sign-in-failed' AND entity_id = ? AND at >= ?
         AND id > coalesce((SELECT max(id) FROM audit_log WHERE action = 'sign-in' AND entity_id = ?), 0)`,
    )
    .pluck()
    .get(username, since, username) as number;
}
