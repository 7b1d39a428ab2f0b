import { openDatabase } from '../db/open';
import { Role, ROLES } from '../../shared/auth/roles';
import { AuthService } from '../services/auth/auth-service';
import { DomainError } from '../services/errors';
import { parseOptions, UsageError, type Command } from './command';
import { readSecret } from './secret-input';

const HELP = `Usage: boardprep user <add|list|disable|enable|reset-password> [options] [--data DIR]

Manages the users of this data folder from the command line (the Users screen does the same for an
administrator). Passwords are read from standard input (--password-stdin: the first line), or asked for on
a terminal; never from the command line, where other users of the machine could read them.

  boardprep user add USERNAME --name "Display name" --role ROLE [--specialty ID] [--temporary] [--password-stdin]
  boardprep user list [--json]
  boardprep user disable USERNAME
  boardprep user enable USERNAME
  boardprep user reset-password USERNAME [--password-stdin]   (a temporary password, changed at next sign-in)

Roles: ${ROLES.join(', ')}.`;

export const userCommand: Command = {
  name: 'user',
  summary: 'Add, list, disable and reset the passwords of users',
  help: HELP,
  async run(args, env, io) {
    const [verb, ...rest] = args;
    const db = openDatabase(env.dataDir);
    const auth = new AuthService(db);
    try {
      switch (verb) {
        case 'add': {
          const { values, positionals } = parseOptions(
            rest,
            {
              name: { type: 'string' },
              role: { type: 'string' },
              specialty: { type: 'string' },
              temporary: { type: 'boolean' },
              'password-stdin': { type: 'boolean' },
            },
            { positionals: true },
          );
          const username = oneName(positionals);
          if (!values.name) throw new UsageError('--name is required');
          const role = Role.safeParse(values.role);
          if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
          const password = await readSecret(values['password-stdin'] === true, `Password for ${username}: `, io.stdin);
          const user = await auth.create({
            username: username.toLowerCase(),
            displayName: values.name,
            role: role.data,
            specialty: values.specialty ?? null,
            password,
            mustChange: values.temporary === true,
          });
          io.out(`Added ${user.username} (${user.displayName}, ${user.role}).`);
          return 0;
        }
        case 'list': {
          const { values } = parseOptions(rest, { json: { type: 'boolean' } });
          const users = auth.list();
          if (values.json) io.out(JSON.stringify(users));
          else
            for (const u of users)
              io.out(
                `${u.username.padEnd(16)} ${u.role.padEnd(14)} ${u.displayName}${u.disabled ? '  (disabled)' : ''}${u.mustChangePassword ? '  (must change password)' : ''}`,
              );
          return 0;
        }
        case 'disable':
        case 'enable': {
          const { positionals } = parseOptions(rest, {}, { positionals: true });
          const user = byName(auth, oneName(positionals));
          const changed = auth.update(user.id, { disabled: verb === 'disable' }, null);
          io.out(`${changed.username} is ${changed.disabled ? 'disabled: their sessions have ended' : 'enabled'}.`);
          return 0;
        }
        case 'reset-password': {
          const { values, positionals } = parseOptions(
            rest,
            { 'password-stdin': { type: 'boolean' } },
            { positionals: true },
          );
          const user = byName(auth, oneName(positionals));
          const password = await readSecret(
            values['password-stdin'] === true,
            `Temporary password for ${user.username}: `,
            io.stdin,
          );
          await auth.resetPassword(user.id, password);
          io.out(`${user.username} has a temporary password, to be changed at the next sign-in.`);
          return 0;
        }
        default:
          throw new UsageError(
            verb ? `Unknown subcommand "${verb}"` : 'Say what to do: add, list, disable, enable or reset-password',
          );
      }
    } catch (err) {
      if (err instanceof DomainError) {
        io.err(`boardprep user: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      db.close();
    }
  },
};

function oneName(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Give one username');
  return positionals[0];
}

function byName(auth: AuthService, username: string) {
  const user = auth.list().find((u) => u.username === username.toLowerCase());
  if (!user) throw new DomainError('not-found', `No user ${username}`);
  return user;
}
