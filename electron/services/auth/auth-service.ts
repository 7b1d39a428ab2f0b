import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/open';
import { runAs, WORKSTATION, type Actor } from '../../db/actor';
import { writeTransaction } from '../../db/transaction';
import { Role } from '../../../shared/auth/roles';
import {
  MIN_SECRET_LENGTH,
  type AuthPolicy,
  type AuthStatus,
  type SecuritySettings,
  type SignedInUser,
  type SignInAnswer,
  type UserSummary,
} from '../../../shared/contract/auth';
import { DomainError } from '../errors';
import { recordEvent } from '../audit/audit-events';
import * as sql from './auth-sql';
import { DECOY_HASH, hashSecret, verifySecret } from './password';

/** After this many failed sign-ins in a row, a username waits LOCKOUT_MINUTES before it may try again. */
export const MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 5;
export const PRINT_TOKEN_MINUTES = 10;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  specialty?: string | null;
  password: string;
  /** A first or reset password the user must change at the next sign-in. */
  mustChange?: boolean;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  specialty?: string | null;
  disabled?: boolean;
}

/** A live session, as the dispatcher needs it to run a call. */
export interface SessionInfo {
  actor: Actor;
  user: SignedInUser;
  locked: boolean;
}

function summary(row: sql.UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: Role.parse(row.role),
    specialty: row.specialty,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
  };
}

function signedIn(row: sql.UserRow): SignedInUser {
  const { id, username, displayName, role, specialty, mustChangePassword } = summary(row);
  return { id, username, displayName, role, specialty, mustChangePassword };
}

function actorOf(row: sql.UserRow, sessionId: number | null, workstation: string): Actor {
  return {
    userId: row.id,
    name: row.username,
    displayName: row.display_name,
    role: Role.parse(row.role),
    sessionId,
    workstation,
  };
}

/**
 * Users, their secrets and their sessions. Tokens are random (32 bytes); only their SHA-256 is stored. A disabled
 * user's sessions end; a reset password ends the user's sessions and must be changed at the next sign-in.
 */
export class AuthService {
  /** Tokens for the print views a PDF export loads: in memory only, read-only, short-lived (see printSession). */
  private readonly printTokens = new Map<string, { session: SessionInfo; expires: number }>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  policy(): SecuritySettings {
    const s = sql.settings(this.db);
    return { policy: s.auth_policy as AuthPolicy, lockMinutes: s.lock_minutes };
  }

  setPolicy(next: SecuritySettings): SecuritySettings {
    sql.setSecurity(this.db, next.policy, next.lockMinutes);
    return this.policy();
  }

  /** Refuses a secret the policy does not accept, naming the rule. */
  checkSecret(secret: string, field = 'password'): void {
    const { policy } = this.policy();
    const min = MIN_SECRET_LENGTH[policy];
    if (policy === 'pin' && !/^\d+$/.test(secret))
      throw new DomainError('invalid-input', 'A PIN is digits only', field);
    if (secret.length < min)
      throw new DomainError(
        'invalid-input',
        `A ${policy === 'pin' ? 'PIN' : 'password'} has at least ${min} ${policy === 'pin' ? 'digits' : 'characters'}`,
        field,
      );
  }

  status(session: SessionInfo | null): AuthStatus {
    const s = sql.settings(this.db);
    return {
      setupNeeded: sql.userCount(this.db) === 0,
      policy: s.auth_policy as AuthPolicy,
      lockMinutes: s.lock_minutes,
      demo: s.demo_users === 1,
      user: session?.user ?? null,
      locked: session?.locked ?? false,
      workstation: WORKSTATION,
    };
  }

  count(): number {
    return sql.userCount(this.db);
  }

  list(): UserSummary[] {
    return sql.allUsers(this.db).map(summary);
  }

  get(id: number): UserSummary {
    const row = sql.userById(this.db, id);
    if (!row) throw new DomainError('not-found', `No user ${id}`);
    return summary(row);
  }

  async create(user: NewUser): Promise<UserSummary> {
    this.checkSecret(user.password);
    const hash = await hashSecret(user.password);
    return writeTransaction(this.db, () => {
      if (sql.userByName(this.db, user.username))
        throw new DomainError('conflict', `The username ${user.username} is taken`, 'username');
      const id = sql.insertUser(
        this.db,
        {
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          specialty: user.specialty ?? null,
          hash,
          mustChange: user.mustChange ?? false,
        },
        this.stamp(),
      );
      return this.get(id);
    });
  }

  /** `byUserId`: who changes it (null: the command line), who may not disable or demote themselves. */
  update(id: number, changes: UserChanges, byUserId: number | null): UserSummary {
    return writeTransaction(this.db, () => {
      const row = sql.userById(this.db, id);
      if (!row) throw new DomainError('not-found', `No user ${id}`);
      const role = changes.role ?? Role.parse(row.role);
      const disabled = changes.disabled ?? row.disabled_at !== null;
      if (id === byUserId && (disabled || role !== row.role))
        throw new DomainError(
          'refused',
          'You cannot disable yourself or change your own role: ask another administrator',
        );
      if (row.role === 'administrator' && (disabled || role !== 'administrator') && this.activeAdministrators() <= 1)
        throw new DomainError('refused', 'This is the last active administrator: make another one first');
      const stamp = this.stamp();
      sql.updateUser(
        this.db,
        id,
        {
          displayName: changes.displayName ?? row.display_name,
          role,
          specialty: changes.specialty === undefined ? row.specialty : changes.specialty,
          disabledAt: disabled ? (row.disabled_at ?? stamp) : null,
        },
        stamp,
      );
      if (disabled) sql.endUserSessions(this.db, id, 'disabled', stamp);
      return this.get(id);
    });
  }

  private activeAdministrators(): number {
    return this.db
      .prepare("SELECT count(*) FROM users WHERE role = 'administrator' AND disabled_at IS NULL")
      .pluck()
      .get() as number;
  }

  /** A temporary password, to be changed at the next sign-in; the user's sessions end. */
  async resetPassword(id: number, password: string): Promise<UserSummary> {
    this.checkSecret(password);
    const hash = await hashSecret(password);
    return writeTransaction(this.db, () => {
      if (!sql.userById(this.db, id)) throw new DomainError('not-found', `No user ${id}`);
      const stamp = this.stamp();
      sql.setPassword(this.db, id, hash, true, stamp);
      sql.endUserSessions(this.db, id, 'password-reset', stamp);
      return this.get(id);
    });
  }

  async changePassword(userId: number, current: string, next: string): Promise<SignedInUser> {
    const row = sql.userById(this.db, userId);
    if (!row) throw new DomainError('not-found', `No user ${userId}`);
    if (!(await verifySecret(current, row.password_hash)))
      throw new DomainError('refused', 'The current password is not right', 'current');
    this.checkSecret(next, 'next');
    if (current === next) throw new DomainError('invalid-input', 'Choose a password you have not used here', 'next');
    sql.setPassword(this.db, userId, await hashSecret(next), false, this.stamp());
    return signedIn(sql.userById(this.db, userId)!);
  }

  /** First start: only while no user exists. */
  async setup(first: { username: string; displayName: string; password: string }): Promise<SignInAnswer> {
    if (this.count() > 0) throw new DomainError('refused', 'BoardPrep is already set up: sign in');
    await this.create({ ...first, role: 'administrator' });
    return this.signIn(first.username, first.password);
  }

  async signIn(username: string, password: string, workstation = WORKSTATION): Promise<SignInAnswer> {
    const row = sql.userByName(this.db, username);
    const since = new Date(this.now().getTime() - LOCKOUT_MINUTES * 60_000).toISOString();
    if (sql.recentFailures(this.db, username, since) >= MAX_FAILURES) {
      this.failed(username, 'too many failed attempts');
      throw new DomainError(
        'refused',
        `Too many failed sign-ins for ${username}: wait ${LOCKOUT_MINUTES} minutes, then try again`,
      );
    }
    // The same work whether or not the user exists, so the answer's timing does not tell.
    const match = await verifySecret(password, row?.password_hash ?? DECOY_HASH);
    if (!row || !match) {
      this.failed(username, row ? 'wrong password' : 'unknown username');
      throw new DomainError('refused', 'The username or password is not right', 'password');
    }
    if (row.disabled_at !== null) {
      this.failed(username, 'account disabled');
      throw new DomainError('refused', `The account ${username} is disabled: ask an administrator`);
    }
    const token = randomBytes(32).toString('base64url');
    const stamp = this.stamp();
    const sessionId = sql.insertSession(this.db, sha256(token), row.id, workstation, stamp);
    runAs(actorOf(row, sessionId, workstation), () =>
      recordEvent(this.db, { action: 'sign-in', entity: 'session', entityId: username, detail: `on ${workstation}` }),
    );
    return { session: token, user: signedIn(row) };
  }

  private failed(username: string, why: string): void {
    recordEvent(this.db, { action: 'sign-in-failed', entity: 'session', entityId: username, detail: why });
  }

  /**
   * A token for the headless page that prints an export: it reads as the user who asked (their name in the audit),
   * with a viewer's rights only, for PRINT_TOKEN_MINUTES. Never stored: it dies with the process.
   */
  printSession(actor: Actor): string {
    const token = randomBytes(32).toString('base64url');
    const user: SignedInUser = {
      id: actor.userId ?? 0,
      username: actor.name,
      displayName: actor.displayName,
      role: 'viewer',
      specialty: null,
      mustChangePassword: false,
    };
    const expires = this.now().getTime() + PRINT_TOKEN_MINUTES * 60_000;
    this.printTokens.set(token, { session: { actor, user, locked: false }, expires });
    return token;
  }

  /** The live session a token names, or null (unknown, ended, or its user disabled). */
  resolve(token: string | undefined): SessionInfo | null {
    if (!token) return null;
    const print = this.printTokens.get(token);
    if (print) {
      if (print.expires > this.now().getTime()) return print.session;
      this.printTokens.delete(token);
      return null;
    }
    const session = sql.sessionByTokenHash(this.db, sha256(token));
    if (!session || session.ended_at !== null) return null;
    const row = sql.userById(this.db, session.user_id);
    if (!row || row.disabled_at !== null) return null;
    return {
      actor: actorOf(row, session.id, session.workstation),
      user: signedIn(row),
      locked: session.locked_at !== null || this.lockIfIdle(session),
    };
  }

  /**
   * The page locks itself after the idle time (renderer/auth); this is the main process's own check, for a page
   * that did not (closed laptop lid, a script): an idle page makes no calls, so a session unseen for longer than
   * the lock time is locked here too.
   */
  private lockIfIdle(session: sql.SessionRow): boolean {
    const idleMs = this.now().getTime() - Date.parse(session.last_seen_at);
    if (idleMs <= this.policy().lockMinutes * 60_000) return false;
    sql.setSessionLocked(this.db, session.id, this.stamp());
    return true;
  }

  touch(info: SessionInfo): void {
    if (info.actor.sessionId !== null && !info.locked) sql.touchSession(this.db, info.actor.sessionId, this.stamp());
  }

  lock(info: SessionInfo): void {
    if (info.locked || info.actor.sessionId === null) return;
    sql.setSessionLocked(this.db, info.actor.sessionId, this.stamp());
    recordEvent(this.db, { action: 'lock', entity: 'session', entityId: info.actor.name });
  }

  async unlock(info: SessionInfo, password: string): Promise<SignedInUser> {
    const row = sql.userById(this.db, info.user.id)!;
    if (!(await verifySecret(password, row.password_hash))) {
      this.failed(row.username, 'wrong password at unlock');
      throw new DomainError('refused', 'The password is not right', 'password');
    }
    sql.setSessionLocked(this.db, info.actor.sessionId!, null);
    recordEvent(this.db, { action: 'unlock', entity: 'session', entityId: row.username });
    return signedIn(row);
  }

  signOut(info: SessionInfo): void {
    if (info.actor.sessionId === null) return;
    sql.endSession(this.db, info.actor.sessionId, 'signed-out', this.stamp());
    recordEvent(this.db, { action: 'sign-out', entity: 'session', entityId: info.actor.name });
  }

  markDemoUsers(): void {
    sql.setDemoUsers(this.db);
  }
}
