import Database from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_FILE, openDatabase } from '../../../electron/db/open';
import { dispatch, type Caller } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices } from '../../../electron/host/services';
import type { Channel, InputOf, OutputOf } from '../../../shared/contract';
import type { Role } from '../../../shared/auth/roles';
import { caseInput, type CaseOverrides } from '../helpers/case-input';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

export const PASSWORD = 'audit-test-pw-1';

/**
 * A data folder with real users signed in through AuthService (so every call runs as that user's actor, with a
 * session), and the one handler table: the writes are the ones the app makes.
 */
export async function auditBoard() {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  const services = createServices({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' });
  const handlers = handlersFor(services);
  const users: Record<string, { displayName: string; role: Role }> = {
    chair: { displayName: 'Chris Chair', role: 'chair' },
    coord: { displayName: 'Cora Coordinator', role: 'coordinator' },
    admin: { displayName: 'Ada Admin', role: 'administrator' },
  };
  for (const [username, u] of Object.entries(users))
    await services.auth.create({ username, displayName: u.displayName, role: u.role, password: PASSWORD });
  const signIn = async (username: string): Promise<Caller> => ({
    gate: services.auth,
    token: (await services.auth.signIn(username, PASSWORD)).session,
  });
  const callers = { chair: await signIn('chair'), coord: await signIn('coord'), admin: await signIn('admin') };

  /** A call that must succeed: its value. */
  async function call<C extends Channel>(who: Caller, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const r = await dispatch(handlers, channel, input, who);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value as OutputOf<C>;
  }
  let mrn = 0;
  const newCase = (who: Caller, overrides: CaseOverrides = {}) =>
    call(who, 'cases:create', caseInput({ ...overrides, patient: { mrn: `A-${++mrn}`, ...overrides.patient } }));
  return { dataDir, db, services, handlers, callers, call, newCase, file: path.join(dataDir, DATABASE_FILE) };
}

/**
 * The file opened as anyone with write access to it would: plain better-sqlite3, none of BoardPrep's SQL functions.
 * The append-only triggers are dropped first, as a tamperer would.
 */
export function rawTamper(file: string): Database.Database {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  return raw;
}
