import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSTATION } from '../../../electron/db/actor';
import { openDatabase, type Db } from '../../../electron/db/open';
import { dispatch, type HandlerTable } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices, type Services } from '../../../electron/host/services';
import { startWebHost } from '../../../electron/host/web';
import * as authSql from '../../../electron/services/auth/auth-sql';
import { CHANNEL_ACCESS, LOCKED_SESSION_CHANNELS } from '../../../shared/auth/access';
import { hasRight, ROLES, type Role } from '../../../shared/auth/roles';
import { CHANNELS, type Channel } from '../../../shared/contract/channels';
import type { AppError } from '../../../shared/contract/result';
import { RESOURCES_DIR } from '../helpers/temp';

/**
 * Issue 12 item 4: rights are enforced at the handler boundary. Every channel of the contract is called by a real
 * signed-in user of every role (AuthService users in a real data folder), through the dispatcher both transports
 * use. The users are made once: a scrypt hash costs about 100 ms.
 */

const PASSWORD = 'rights-matrix-1';

let dir: string;
let db: Db;
let services: Services;
let handlers: HandlerTable;
const tokens = {} as Record<Role, string>;
const userIds = {} as Record<Role, number>;

beforeAll(async () => {
  // Not tempDataDir(): that folder is removed after each test, and this one serves them all.
  dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-rights-'));
  db = openDatabase(dir);
  services = createServices({ db, dataDir: dir, resourcesDir: RESOURCES_DIR, version: 'test' });
  handlers = handlersFor(services);
  for (const role of ROLES) {
    const user = await services.auth.create({
      username: `${role}-user`,
      displayName: `The ${role}`,
      role,
      password: PASSWORD,
    });
    userIds[role] = user.id;
    tokens[role] = (await services.auth.signIn(`${role}-user`, PASSWORD)).session;
  }
}, 180_000);

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Another live session of a user, for the channels that change the session they are called with (sign-out, lock):
 * made straight in the sessions table as AuthService stores it (the token's SHA-256), without a second scrypt.
 */
function extraSession(userId: number, { locked = false } = {}): string {
  const token = randomBytes(32).toString('base64url');
  const now = new Date().toISOString();
  const id = authSql.insertSession(db, createHash('sha256').update(token).digest('hex'), userId, WORKSTATION, now);
  if (locked) authSql.setSessionLocked(db, id, now);
  return token;
}

/** What to send: `{}` (an invalid input answer is fine), except where `{}` would do real work beyond a read. */
function inputFor(channel: Channel): unknown {
  // `{}` would load the whole demo board; a wrong type stops it at the schema, after the access check.
  if (channel === 'demo:load') return { images: 'not a flag' };
  return {};
}

const CHANGES_SESSION: readonly Channel[] = ['auth:sign-out', 'auth:lock'];

async function call(
  channel: Channel,
  token: string | undefined,
  userId?: number,
  locked = false,
): Promise<AppError | null> {
  const own = userId !== undefined && CHANGES_SESSION.includes(channel) ? extraSession(userId, { locked }) : token;
  const result = await dispatch(handlers, channel, inputFor(channel), { gate: services.auth, token: own });
  return result.ok ? null : result.error;
}

const describeAnswer = (error: AppError | null) => (error ? `${error.code}: ${error.message}` : 'ok');

describe('rights at the boundary: every channel with every role', { timeout: 120_000 }, () => {
  it('the contract has channels of each kind, and every one is listed in CHANNEL_ACCESS', () => {
    expect(CHANNELS.length).toBeGreaterThan(50);
    for (const channel of CHANNELS) expect(CHANNEL_ACCESS[channel], channel).toBeDefined();
  });

  describe.each(ROLES)('signed in as %s', (role) => {
    it('refuses exactly the channels whose right the role lacks, naming the right; lets the others through', async () => {
      const wrong: string[] = [];
      for (const channel of CHANNELS) {
        const access = CHANNEL_ACCESS[channel];
        const error = await call(channel, tokens[role], userIds[role]);
        const allowed = access === 'open' || access === 'session' || hasRight(role, access);
        if (allowed) {
          if (error && ['refused', 'signed-out', 'locked'].includes(error.code))
            wrong.push(`${channel} (${access}) should be allowed: ${describeAnswer(error)}`);
        } else if (error?.code !== 'refused' || !error.message.includes(`(${access};`)) {
          wrong.push(`${channel} should be refused naming ${access}: ${describeAnswer(error)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  it('the refusal says what the right is, which roles have it and who is signed in', async () => {
    expect(await call('cases:create', tokens.viewer)).toEqual({
      code: 'refused',
      message:
        'cases:create needs the right to create and edit cases (cases.edit; roles: coordinator, presenter, chair). ' +
        'The viewer is signed in as viewer.',
    });
  });

  it('without a session, only the open channels answer; every other one says signed-out', async () => {
    const wrong: string[] = [];
    for (const channel of CHANNELS) {
      const error = await call(channel, undefined);
      if (CHANNEL_ACCESS[channel] === 'open') {
        if (error?.code === 'signed-out') wrong.push(`${channel} is open: ${describeAnswer(error)}`);
      } else if (error?.code !== 'signed-out') wrong.push(`${channel}: ${describeAnswer(error)}`);
    }
    expect(wrong).toEqual([]);
    // A token no session has is no session.
    expect(await call('cases:list', 'not-a-token')).toMatchObject({ code: 'signed-out' });
  });

  it('a locked session may only unlock, sign out or ask the status', async () => {
    const locked = extraSession(userIds.chair, { locked: true });
    const wrong: string[] = [];
    for (const channel of CHANNELS) {
      const error = await call(channel, locked, userIds.chair, true);
      const mayCall = CHANNEL_ACCESS[channel] === 'open' || LOCKED_SESSION_CHANNELS.includes(channel);
      if (mayCall) {
        if (error && ['locked', 'signed-out', 'refused'].includes(error.code))
          wrong.push(`${channel} should be allowed while locked: ${describeAnswer(error)}`);
      } else if (error?.code !== 'locked') wrong.push(`${channel} should say locked: ${describeAnswer(error)}`);
    }
    expect(wrong).toEqual([]);
    expect(LOCKED_SESSION_CHANNELS).toEqual(['auth:unlock', 'auth:sign-out', 'auth:status']);
  });

  it("a disabled user's session is no session: signed-out everywhere but the open channels", async () => {
    const user = await services.auth.create({
      username: 'soon-disabled',
      displayName: 'Soon Disabled',
      role: 'chair',
      password: PASSWORD,
    });
    const token = (await services.auth.signIn('soon-disabled', PASSWORD)).session;
    // A second session that disabling through the service would end: disabled straight in the table, so the
    // dispatcher's own check on the user is what refuses it.
    const survivor = extraSession(user.id);
    expect(await call('cases:list', token)).toBeNull();
    services.auth.update(user.id, { disabled: true }, null);
    expect(await call('cases:list', token)).toMatchObject({ code: 'signed-out' });

    services.auth.update(user.id, { disabled: false }, null);
    const reopened = extraSession(user.id);
    db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(new Date().toISOString(), user.id);
    for (const channel of CHANNELS) {
      if (CHANNEL_ACCESS[channel] === 'open') continue;
      expect(await call(channel, reopened), channel).toMatchObject({ code: 'signed-out' });
    }
    expect(await call('cases:list', survivor)).toMatchObject({ code: 'signed-out' });
  });

  it('a user who must change a temporary password may use the auth channels only', async () => {
    await services.auth.create({
      username: 'must-change',
      displayName: 'Must Change',
      role: 'chair',
      password: PASSWORD,
      mustChange: true,
    });
    const signedIn = await services.auth.signIn('must-change', PASSWORD);
    expect(signedIn.user.mustChangePassword).toBe(true);
    const wrong: string[] = [];
    for (const channel of CHANNELS) {
      const error = await call(channel, signedIn.session, signedIn.user.id);
      if (channel.startsWith('auth:') || CHANNEL_ACCESS[channel] === 'open') {
        if (error && ['refused', 'signed-out', 'locked'].includes(error.code))
          wrong.push(`${channel} should be allowed: ${describeAnswer(error)}`);
      } else if (error?.code !== 'refused' || error.message !== 'Change your temporary password first')
        wrong.push(`${channel} should be refused: ${describeAnswer(error)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the web host carries the session', { timeout: 120_000 }, () => {
  it('answers signed-out without the X-BoardPrep-Session header and as the user with it', async () => {
    const host = await startWebHost({ handlers, gate: services.auth, rendererDir: dir });
    try {
      const post = async (channel: string, body: unknown, session?: string) => {
        const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-BoardPrep-Token': host.token };
        if (session) headers['X-BoardPrep-Session'] = session;
        const res = await fetch(`${host.url}api/${channel}`, { method: 'POST', headers, body: JSON.stringify(body) });
        return (await res.json()) as { ok: boolean; value?: unknown; error?: AppError };
      };
      expect(await post('cases:list', {})).toMatchObject({ ok: false, error: { code: 'signed-out' } });
      expect(await post('cases:list', {}, 'forged')).toMatchObject({ ok: false, error: { code: 'signed-out' } });
      expect(await post('cases:list', {}, tokens.chair)).toMatchObject({ ok: true, value: { rows: [], total: 0 } });
      expect(await post('auth:status', {}, tokens.presenter)).toMatchObject({
        ok: true,
        value: { user: { username: 'presenter-user', role: 'presenter' }, locked: false },
      });
      expect(await post('meetings:create', {}, tokens.viewer)).toMatchObject({
        ok: false,
        error: { code: 'refused', message: expect.stringContaining('(meetings.edit;') },
      });
      // Sign-in over HTTP answers a token that the next call carries.
      const signIn = await post('auth:sign-in', { username: 'member-user', password: PASSWORD });
      expect(signIn).toMatchObject({ ok: true, value: { user: { role: 'member' } } });
      const session = (signIn.value as { session: string }).session;
      expect(await post('cases:list', {}, session)).toMatchObject({ ok: true });
    } finally {
      await host.close();
    }
  });
});
