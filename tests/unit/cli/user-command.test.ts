import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { openDatabase } from '../../../electron/db/open';
import { AuthService } from '../../../electron/services/auth/auth-service';
import { tempDataDir } from '../helpers/temp';

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** `boardprep ...argv` in-process; `stdin` is what is piped in (--password-stdin reads its first line). */
async function run(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    progress: () => {},
    stdin: stdin === undefined ? undefined : Readable.from([stdin]),
  };
  const code = await runCli(argv, { appRoot, version: '9.9.9' }, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PASSWORD = 'cli-password-77';

/** Each user costs a scrypt hash (slow on a loaded machine). */
const SCRYPT_HEAVY = { timeout: 120_000 };

function withAuth<T>(dir: string, fn: (auth: AuthService) => Promise<T> | T): Promise<T> {
  const db = openDatabase(dir);
  return Promise.resolve(fn(new AuthService(db))).finally(() => db.close());
}

describe('boardprep user', SCRYPT_HEAVY, () => {
  it('adds users with the password from standard input, lists them, and the first one can sign in', async () => {
    const dir = tempDataDir();
    const added = await run(
      ['user', 'add', 'Root', '--name', 'Rita Root', '--role', 'administrator', '--password-stdin', '--data', dir],
      `${PASSWORD}\n`,
    );
    expect(added).toEqual({ code: 0, out: 'Added root (Rita Root, administrator).', err: '' });
    // Windows line ends and a stream without a final newline are taken too.
    expect(
      await run(
        [
          'user',
          'add',
          'ada',
          '--name',
          'Ada Lee',
          '--role',
          'chair',
          '--specialty',
          'surgery',
          '--password-stdin',
          '--data',
          dir,
        ],
        `${PASSWORD}\r\n`,
      ),
    ).toMatchObject({ code: 0, out: 'Added ada (Ada Lee, chair).' });
    expect(
      await run(
        [
          'user',
          'add',
          'tim',
          '--name',
          'Tim Temp',
          '--role',
          'viewer',
          '--temporary',
          '--password-stdin',
          '--data',
          dir,
        ],
        PASSWORD,
      ),
    ).toMatchObject({ code: 0 });

    const list = await run(['user', 'list', '--data', dir]);
    expect(list.code).toBe(0);
    // By username.
    expect(list.out.split('\n')).toEqual([
      expect.stringMatching(/^ada\s+chair\s+Ada Lee$/),
      expect.stringMatching(/^root\s+administrator\s+Rita Root$/),
      expect.stringMatching(/^tim\s+viewer\s+Tim Temp {2}\(must change password\)$/),
    ]);

    await withAuth(dir, async (auth) => {
      await expect(auth.signIn('ada', PASSWORD)).resolves.toMatchObject({
        user: { username: 'ada', role: 'chair', specialty: 'surgery', mustChangePassword: false },
      });
      await expect(auth.signIn('tim', PASSWORD)).resolves.toMatchObject({ user: { mustChangePassword: true } });
    });
  });

  it('user list --json prints the users and never a hash or a password', async () => {
    const dir = tempDataDir();
    await run(
      ['user', 'add', 'ada', '--name', 'Ada Lee', '--role', 'chair', '--password-stdin', '--data', dir],
      PASSWORD,
    );
    const list = await run(['user', 'list', '--json', '--data', dir]);
    expect(list.code).toBe(0);
    const users = JSON.parse(list.out) as Record<string, unknown>[];
    expect(users).toEqual([
      {
        id: expect.any(Number),
        username: 'ada',
        displayName: 'Ada Lee',
        role: 'chair',
        specialty: null,
        disabled: false,
        mustChangePassword: false,
        createdAt: expect.any(String),
      },
    ]);
    expect(list.out).not.toMatch(/scrypt|hash|"password/i);
    expect(list.out).not.toContain(PASSWORD);
    const db = openDatabase(dir);
    const hash = db.prepare('SELECT password_hash FROM users').pluck().get() as string;
    db.close();
    expect(list.out).not.toContain(hash.split('$').at(-1));
  });

  it('disables and enables a user (their sessions end), and resets a password to a temporary one', async () => {
    const dir = tempDataDir();
    await run(
      ['user', 'add', 'root', '--name', 'Root', '--role', 'administrator', '--password-stdin', '--data', dir],
      PASSWORD,
    );
    await run(
      ['user', 'add', 'ada', '--name', 'Ada Lee', '--role', 'chair', '--password-stdin', '--data', dir],
      PASSWORD,
    );
    const token = await withAuth(dir, async (auth) => (await auth.signIn('ada', PASSWORD)).session);

    expect(await run(['user', 'disable', 'ADA', '--data', dir])).toEqual({
      code: 0,
      out: 'ada is disabled: their sessions have ended.',
      err: '',
    });
    expect((await run(['user', 'list', '--data', dir])).out).toMatch(/^ada\s+chair\s+Ada Lee {2}\(disabled\)$/m);
    await withAuth(dir, async (auth) => {
      expect(auth.resolve(token)).toBeNull();
      await expect(auth.signIn('ada', PASSWORD)).rejects.toThrow('The account ada is disabled');
    });
    expect(await run(['user', 'enable', 'ada', '--data', dir])).toMatchObject({ code: 0, out: 'ada is enabled.' });

    const reset = await run(['user', 'reset-password', 'ada', '--password-stdin', '--data', dir], 'temporary-99\n');
    expect(reset).toEqual({
      code: 0,
      out: 'ada has a temporary password, to be changed at the next sign-in.',
      err: '',
    });
    await withAuth(dir, async (auth) => {
      await expect(auth.signIn('ada', PASSWORD)).rejects.toThrow('The username or password is not right');
      await expect(auth.signIn('ada', 'temporary-99')).resolves.toMatchObject({ user: { mustChangePassword: true } });
    });

    // What the command line did is in the audit trail as the command line's, with no secret in it.
    const db = openDatabase(dir);
    const actors = db.prepare("SELECT DISTINCT actor FROM audit_log WHERE entity = 'users'").pluck().all() as string[];
    db.close();
    expect(actors).toHaveLength(1);
    expect(actors[0]).toMatch(/^cli:/);
    const bytes = Buffer.concat(
      (readdirSync(dir, { recursive: true }) as string[])
        .map((f) => path.join(dir, f))
        .filter((f) => statSync(f).isFile())
        .map((f) => readFileSync(f)),
    );
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from('temporary-99'))).toBe(false);
  });

  it('says what is wrong: usage errors exit 2, refusals exit 1, and nothing is written', async () => {
    const dir = tempDataDir();
    await run(
      ['user', 'add', 'root', '--name', 'Root', '--role', 'administrator', '--password-stdin', '--data', dir],
      PASSWORD,
    );
    const cases: [string[], string | undefined, number, string][] = [
      [['user'], undefined, 2, 'Say what to do: add, list, disable, enable or reset-password'],
      [['user', 'rename', 'root'], undefined, 2, 'Unknown subcommand "rename"'],
      [['user', 'add', '--name', 'X', '--role', 'chair'], PASSWORD, 2, 'Give one username'],
      [['user', 'add', 'bob', '--role', 'chair', '--password-stdin'], PASSWORD, 2, '--name is required'],
      [
        ['user', 'add', 'bob', '--name', 'Bob', '--role', 'king', '--password-stdin'],
        PASSWORD,
        2,
        '--role must be one of administrator, coordinator, presenter, chair, member, viewer',
      ],
      [
        ['user', 'add', 'bob', '--name', 'Bob', '--role', 'chair', '--password', 'x'],
        undefined,
        2,
        'Unknown option --password',
      ],
      // Without --password-stdin the password is asked on a terminal, and a test has none.
      [
        ['user', 'add', 'bob', '--name', 'Bob', '--role', 'chair'],
        undefined,
        2,
        'No terminal to ask for the password on: pipe it in with --password-stdin',
      ],
      [['user', 'add', 'bob', '--name', 'Bob', '--role', 'chair', '--password-stdin'], '', 2, 'No password was given'],
      [
        ['user', 'add', 'bob', '--name', 'Bob', '--role', 'chair', '--password-stdin'],
        'short\n',
        1,
        'boardprep user: A password has at least 10 characters',
      ],
      [
        ['user', 'add', 'root', '--name', 'Again', '--role', 'chair', '--password-stdin'],
        PASSWORD,
        1,
        'boardprep user: The username root is taken',
      ],
      [['user', 'disable', 'nobody'], undefined, 1, 'boardprep user: No user nobody'],
      [['user', 'disable', 'root'], undefined, 1, 'This is the last active administrator: make another one first'],
      [['user', 'reset-password', 'nobody', '--password-stdin'], PASSWORD, 1, 'boardprep user: No user nobody'],
      [['user', 'list', 'extra'], undefined, 2, 'Unexpected argument: extra'],
    ];
    for (const [argv, stdin, code, message] of cases) {
      const r = await run([...argv, '--data', dir], stdin);
      expect(r.code, argv.join(' ')).toBe(code);
      expect(r.err.split('\n')[0], argv.join(' ')).toContain(message);
      expect(r.err, argv.join(' ')).not.toContain(PASSWORD);
    }
    const list = JSON.parse((await run(['user', 'list', '--json', '--data', dir])).out) as { username: string }[];
    expect(list.map((u) => u.username)).toEqual(['root']);
  });

  it('explains itself with --help', async () => {
    const help = await run(['user', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: boardprep user <add|list|disable|enable|reset-password>');
    expect(help.out).toContain('--password-stdin');
  });
});
