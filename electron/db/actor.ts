import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import type { Role } from '../../shared/auth/roles';

/**
 * Who a write is done for. The dispatcher runs every call inside `runAs(actor)`; the audit triggers read the actor
 * through SQL functions (audit-functions.ts), so no service passes a name around and none can forget to. Async
 * work a call starts (an import job) keeps the actor of the call that started it.
 */
export interface Actor {
  /** The signed-in user, or null for the command line and the app itself. */
  userId: number | null;
  /** What the audit trail shows: the username, or 'cli:<os user>', or 'system'. */
  name: string;
  displayName: string;
  role: Role | null;
  sessionId: number | null;
  workstation: string;
}

export const WORKSTATION = os.hostname();

const store = new AsyncLocalStorage<Actor>();

/** Work the app does on its own (start-up sweep, migrations' backups): no person. */
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  name: 'system',
  displayName: 'BoardPrep',
  role: null,
  sessionId: null,
  workstation: WORKSTATION,
};

/** The command line: the operating-system account that typed the command. */
export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (a container's uid): the log still says it was the command line.
  }
  return { ...SYSTEM_ACTOR, name: `cli:${user}`, displayName: `Command line (${user})` };
}

export function runAs<T>(actor: Actor, fn: () => T): T {
  return store.run(actor, fn);
}

export function currentActor(): Actor {
  return store.getStore() ?? SYSTEM_ACTOR;
}

/** A call from a page that is not signed in (the sign-in itself, a failed attempt). */
export const SIGNED_OUT_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'signed-out', displayName: 'Not signed in' };
