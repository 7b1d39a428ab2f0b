import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { dispatch } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices } from '../../../electron/host/services';
import { AuthService, LOCKOUT_MINUTES, MAX_FAILURES } from '../../../electron/services/auth/auth-service';
import { verifySecret } from '../../../electron/services/auth/password';
import type { Channel } from '../../../shared/contract/channels';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

const PASSWORD = 'correct horse 1';
/** Each scrypt check costs about 100 ms alone and several times that on a loaded machine; some tests do a dozen. */
const SCRYPT_HEAVY = { timeout: 120_000 };

/** A data folder with the app's services and a clock the test moves (starting now: the audit rows use real time). */
function setup() {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  let at = Date.now();
  const clock = {
    now: () => new Date(at),
    advanceMinutes: (minutes: number) => (at += minutes * 60_000),
  };
  const services = { ...createServices({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' }) };
  services.auth = new AuthService(db, clock.now);
  const handlers = handlersFor(services);
  const auth = services.auth;
  const call = async (channel: Channel, input: unknown, token: string | undefined) =>
    dispatch(handlers, channel, input, { gate: auth, token });
  return { dataDir, db, auth, clock, call };
}

type Setup = ReturnType<typeof setup>;

async function addUser(s: Setup, username: string, role: 'administrator' | 'chair' | 'coordinator' = 'chair') {
  return s.auth.create({ username, displayName: `Name of ${username}`, role, password: PASSWORD });
}

function auditRows(s: Setup, action: string) {
  return s.db
    .prepare('SELECT user_id, actor, session_id, entity, entity_id, detail FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as {
    user_id: number | null;
    actor: string;
    session_id: number | null;
    entity: string;
    entity_id: string;
    detail: string;
  }[];
}

/** Every file of the data folder (database, its WAL, logs), as bytes. */
function allBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (statSync(file).isFile()) parts.push(readFileSync(file));
  }
  return Buffer.concat(parts);
}

describe('AuthService: secrets', SCRYPT_HEAVY, () => {
  it('stores a salted scrypt hash, never the password, and verifies right and wrong', async () => {
    const s = setup();
    const secret = 'Unmistakable-Secret-42';
    const a = await s.auth.create({ username: 'ada', displayName: 'Ada', role: 'chair', password: secret });
    const b = await s.auth.create({ username: 'bob', displayName: 'Bob', role: 'chair', password: secret });
    const hashes = s.db.prepare('SELECT password_hash FROM users ORDER BY id').pluck().all() as string[];
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    // The same password twice: different salts, different hashes.
    expect(hashes[0]).not.toBe(hashes[1]);
    expect(await verifySecret(secret, hashes[0])).toBe(true);
    expect(await verifySecret('Unmistakable-Secret-43', hashes[0])).toBe(false);
    expect(await verifySecret(secret, 'plain$text')).toBe(false);

    await s.auth.signIn('ada', secret);
    await expect(s.auth.signIn('ada', 'wrong password!')).rejects.toThrow('The username or password is not right');
    s.auth.update(b.id, { displayName: 'Bob B.' }, a.id);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    // Nowhere in the data folder: not in the users table, not in the audit trail, not in a log.
    const bytes = allBytes(s.dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from('wrong password!'))).toBe(false);
    // The audit row of a created user shows that a hash was set, not what it is.
    const created = s.db
      .prepare("SELECT after_json FROM audit_log WHERE entity = 'users' AND action = 'create'")
      .pluck()
      .all();
    for (const json of created) expect(String(json)).not.toContain(hashes[0].split('$')[5]);
  });

  it('answers an unknown username exactly as a wrong password, and logs both as failed sign-ins', async () => {
    const s = setup();
    await addUser(s, 'ada');
    const wrong = await s.auth.signIn('ada', 'not the password').catch((e: Error) => e);
    const unknown = await s.auth.signIn('nobody', PASSWORD).catch((e: Error) => e);
    expect(wrong).toMatchObject({ code: 'refused', message: 'The username or password is not right' });
    expect(unknown).toMatchObject({ code: 'refused', message: (wrong as Error).message });
    expect(auditRows(s, 'sign-in-failed')).toEqual([
      expect.objectContaining({ entity: 'session', entity_id: 'ada', detail: 'wrong password' }),
      expect.objectContaining({ entity: 'session', entity_id: 'nobody', detail: 'unknown username' }),
    ]);
  });

  it(`locks a username out after ${MAX_FAILURES} failures in a row for ${LOCKOUT_MINUTES} minutes`, async () => {
    const s = setup();
    await addUser(s, 'ada');
    for (let i = 0; i < MAX_FAILURES; i++)
      await expect(s.auth.signIn('ada', `wrong ${i}`)).rejects.toThrow('The username or password is not right');
    // Now even the right password is refused, without being checked.
    const locked = 'Too many failed sign-ins for ada: wait 5 minutes, then try again';
    await expect(s.auth.signIn('ada', PASSWORD)).rejects.toThrow(locked);
    s.clock.advanceMinutes(LOCKOUT_MINUTES - 1);
    await expect(s.auth.signIn('ada', PASSWORD)).rejects.toThrow(locked);
    expect(auditRows(s, 'sign-in-failed').at(-1)).toMatchObject({ detail: 'too many failed attempts' });
    s.clock.advanceMinutes(2 + 1 / 60);
    const signedIn = await s.auth.signIn('ada', PASSWORD);
    expect(signedIn.user.username).toBe('ada');
    // A success starts the count again: four more failures do not lock.
    for (let i = 0; i < MAX_FAILURES - 1; i++) await expect(s.auth.signIn('ada', 'wrong')).rejects.toThrow();
    await expect(s.auth.signIn('ada', PASSWORD)).resolves.toMatchObject({ user: { username: 'ada' } });
  });

  it('PIN policy: digits only, at least 6; the password policy asks 10 characters', async () => {
    const s = setup();
    await expect(
      s.auth.create({ username: 'ada', displayName: 'Ada', role: 'chair', password: 'short' }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: 'A password has at least 10 characters' });
    s.auth.setPolicy({ policy: 'pin', lockMinutes: 15 });
    expect(s.auth.policy()).toEqual({ policy: 'pin', lockMinutes: 15 });
    await expect(
      s.auth.create({ username: 'ada', displayName: 'Ada', role: 'chair', password: '12ab56' }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: 'A PIN is digits only', field: 'password' });
    await expect(
      s.auth.create({ username: 'ada', displayName: 'Ada', role: 'chair', password: '12345' }),
    ).rejects.toMatchObject({ message: 'A PIN has at least 6 digits' });
    const ada = await s.auth.create({ username: 'ada', displayName: 'Ada', role: 'chair', password: '246810' });
    await expect(s.auth.signIn('ada', '246810')).resolves.toMatchObject({ user: { id: ada.id } });
    await expect(s.auth.resetPassword(ada.id, 'letters')).rejects.toThrow('A PIN is digits only');
  });
});

describe('AuthService: sessions', SCRYPT_HEAVY, () => {
  it('signs in, locks, unlocks and signs out, each in the audit trail as the user of that session', async () => {
    const s = setup();
    const ada = await addUser(s, 'ada');
    const { session: token, user } = await s.auth.signIn('ada', PASSWORD);
    expect(user).toMatchObject({ id: ada.id, username: 'ada', role: 'chair', mustChangePassword: false });
    // Only the token's SHA-256 is stored.
    const stored = s.db.prepare('SELECT id, token_hash FROM sessions').all() as { id: number; token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].token_hash).not.toContain(token);
    const sessionId = stored[0].id;

    expect(await s.call('auth:lock', {}, token)).toMatchObject({ ok: true });
    expect(s.auth.resolve(token)).toMatchObject({ locked: true });
    expect(await s.call('cases:list', {}, token)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await s.call('auth:unlock', { password: 'not it' }, token)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'The password is not right' },
    });
    expect(await s.call('auth:unlock', { password: PASSWORD }, token)).toMatchObject({ ok: true });
    expect(await s.call('cases:list', {}, token)).toMatchObject({ ok: true });
    expect(await s.call('auth:sign-out', {}, token)).toMatchObject({ ok: true });
    expect(s.auth.resolve(token)).toBeNull();
    expect(await s.call('cases:list', {}, token)).toMatchObject({ ok: false, error: { code: 'signed-out' } });

    const mine = { user_id: ada.id, actor: 'ada', session_id: sessionId, entity: 'session' };
    expect(auditRows(s, 'sign-in')).toEqual([expect.objectContaining(mine)]);
    expect(auditRows(s, 'lock')).toEqual([expect.objectContaining(mine)]);
    expect(auditRows(s, 'unlock')).toEqual([expect.objectContaining(mine)]);
    expect(auditRows(s, 'sign-out')).toEqual([expect.objectContaining(mine)]);
    expect(auditRows(s, 'sign-in-failed')).toEqual([
      expect.objectContaining({ entity_id: 'ada', detail: 'wrong password at unlock' }),
    ]);
  });

  it('disabling a user ends their sessions and refuses their sign-in; enabling lets them in again', async () => {
    const s = setup();
    const admin = await addUser(s, 'root', 'administrator');
    const ada = await addUser(s, 'ada');
    const first = await s.auth.signIn('ada', PASSWORD);
    const second = await s.auth.signIn('ada', PASSWORD);
    s.auth.update(ada.id, { disabled: true }, admin.id);
    expect(s.auth.resolve(first.session)).toBeNull();
    expect(s.auth.resolve(second.session)).toBeNull();
    expect(s.db.prepare('SELECT DISTINCT end_reason FROM sessions WHERE user_id = ?').pluck().all(ada.id)).toEqual([
      'disabled',
    ]);
    await expect(s.auth.signIn('ada', PASSWORD)).rejects.toThrow('The account ada is disabled: ask an administrator');
    s.auth.update(ada.id, { disabled: false }, admin.id);
    // An old token stays ended; a new sign-in works.
    expect(s.auth.resolve(first.session)).toBeNull();
    await expect(s.auth.signIn('ada', PASSWORD)).resolves.toMatchObject({ user: { id: ada.id } });
  });

  it('a reset password ends the sessions and must be changed before anything but auth:*', async () => {
    const s = setup();
    const ada = await addUser(s, 'ada');
    const before = await s.auth.signIn('ada', PASSWORD);
    const reset = await s.auth.resetPassword(ada.id, 'temporary-123');
    expect(reset.mustChangePassword).toBe(true);
    expect(s.auth.resolve(before.session)).toBeNull();
    await expect(s.auth.signIn('ada', PASSWORD)).rejects.toThrow('The username or password is not right');
    const { session, user } = await s.auth.signIn('ada', 'temporary-123');
    expect(user.mustChangePassword).toBe(true);
    expect(await s.call('cases:list', {}, session)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'Change your temporary password first' },
    });
    expect(
      await s.call('auth:changePassword', { current: 'temporary-123', next: 'temporary-123' }, session),
    ).toMatchObject({ ok: false, error: { message: 'Choose a password you have not used here' } });
    expect(
      await s.call('auth:changePassword', { current: 'temporary-123', next: 'my own pass 9' }, session),
    ).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect(await s.call('cases:list', {}, session)).toMatchObject({ ok: true });
  });

  it('keeps an active administrator: the last one cannot be disabled or demoted, and no one disables themselves', async () => {
    const s = setup();
    const root = await addUser(s, 'root', 'administrator');
    const ada = await addUser(s, 'ada');
    const last = 'This is the last active administrator: make another one first';
    expect(() => s.auth.update(root.id, { disabled: true }, null)).toThrow(last);
    expect(() => s.auth.update(root.id, { role: 'chair' }, null)).toThrow(last);
    expect(() => s.auth.update(root.id, { disabled: true }, ada.id)).toThrow(last);

    const second = await addUser(s, 'second', 'administrator');
    const self = 'You cannot disable yourself or change your own role: ask another administrator';
    expect(() => s.auth.update(second.id, { disabled: true }, second.id)).toThrow(self);
    expect(() => s.auth.update(second.id, { role: 'viewer' }, second.id)).toThrow(self);
    expect(() => s.auth.update(ada.id, { disabled: true }, ada.id)).toThrow(self);
    // Another administrator may; then root is the last one again.
    expect(s.auth.update(second.id, { role: 'chair' }, root.id)).toMatchObject({ role: 'chair' });
    expect(() => s.auth.update(root.id, { disabled: true }, second.id)).toThrow(last);
    // The refusals changed nothing.
    expect(s.auth.get(root.id)).toMatchObject({ role: 'administrator', disabled: false });
  });

  it("a print session reads with a viewer's rights as the user who asked, is never stored, and expires", async () => {
    const s = setup();
    await addUser(s, 'ada');
    const { session } = await s.auth.signIn('ada', PASSWORD);
    const asker = s.auth.resolve(session)!;
    const sessionsBefore = s.db.prepare('SELECT count(*) FROM sessions').pluck().get();
    const print = s.auth.printSession(asker.actor);
    expect(s.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(sessionsBefore);
    expect(s.auth.resolve(print)).toMatchObject({
      actor: { name: 'ada', userId: asker.user.id },
      user: { role: 'viewer', username: 'ada' },
      locked: false,
    });
    expect(await s.call('cases:list', {}, print)).toMatchObject({ ok: true });
    expect(await s.call('cases:create', {}, print)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('(cases.edit;') },
    });
    expect(await s.call('exports:list', {}, print)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('(exports.deidentified;') },
    });
    s.clock.advanceMinutes(9);
    expect(s.auth.resolve(print)).not.toBeNull();
    s.clock.advanceMinutes(2);
    expect(s.auth.resolve(print)).toBeNull();
    expect(await s.call('cases:list', {}, print)).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    // The user's own session is untouched.
    expect(s.auth.resolve(session)).toMatchObject({ user: { role: 'chair' } });
  });

  it('first start: auth:setup makes the administrator and signs them in, once', async () => {
    const s = setup();
    expect(await s.call('auth:status', {}, undefined)).toMatchObject({ ok: true, value: { setupNeeded: true } });
    const first = await s.call(
      'auth:setup',
      { username: 'Root', displayName: 'Root Admin', password: PASSWORD },
      undefined,
    );
    expect(first).toMatchObject({ ok: true, value: { user: { username: 'root', role: 'administrator' } } });
    expect(
      await s.call('auth:setup', { username: 'again', displayName: 'Again', password: PASSWORD }, undefined),
    ).toMatchObject({ ok: false, error: { code: 'refused', message: 'BoardPrep is already set up: sign in' } });
  });
});
