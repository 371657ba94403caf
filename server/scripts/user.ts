/**
 * `npm run user -- <command>`: manage staff accounts in the server's database (DATABASE_URL, else
 * DATA_DIR/app.db; there is no default account). Passwords come from stdin (typed without echo on a terminal, or piped) or from the
 * LCMAP_PASSWORD environment variable for scripts — never from the command line, where every
 * user of the machine could read them (ps, shell history).
 */
import { checkPasswordPolicy, hashPassword, PASSWORD_MIN_LENGTH } from '../src/auth/password';
import { isRole, ROLES, type Role } from '../src/auth/roles';
import { loadConfig } from '../src/config';
import { openUserStore } from '../src/store/open-store';
import { UserExists, type UserStore } from '../src/store/user-store';
import { readPassword } from './read-password';

const USAGE = `Usage: npm run user -- <command>

  add NAME --role admin|editor|viewer   create an account
  list                                  list accounts (name, role, created)
  set-role NAME admin|editor|viewer     change a role
  passwd NAME                           set a new password (ends the user's sessions)
  remove NAME                           delete an account (its history entries keep the name)
  --help                                this text

The password is read from stdin (not echoed on a terminal; piped input works: the first line) or
from the environment variable LCMAP_PASSWORD. It is never accepted on the command line.
At least ${PASSWORD_MIN_LENGTH} characters. The database is the server's: PostgreSQL at DATABASE_URL
when it is set, else DATA_DIR/app.db (DATA_DIR default ./data).
`;

/** A usage mistake: message, exit code 2. */
class UsageError extends Error {}
/** A refused operation (unknown user, name taken…): message, exit code 1. */
class Refused extends Error {}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

function username(value: string | undefined): string {
  if (!value || !USERNAME.test(value)) {
    throw new UsageError('NAME must be 2–64 characters: letters, digits, dot, dash or underscore');
  }
  return value;
}

function role(value: string | undefined): Role {
  if (!isRole(value)) throw new UsageError(`role must be one of: ${ROLES.join(', ')}`);
  return value;
}

async function newPasswordHash(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env.LCMAP_PASSWORD;
  const plain = fromEnv !== undefined && fromEnv !== '' ? fromEnv : await readPassword('Password: ');
  const policy = checkPasswordPolicy(plain);
  if (!policy.valid) {
    throw new Refused(
      policy.reason === 'TooShort'
        ? `password too short: at least ${PASSWORD_MIN_LENGTH} characters`
        : 'password too long',
    );
  }
  return hashPassword(plain);
}

async function run(args: string[], users: UserStore, out: (line: string) => void): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'add': {
      const roleAt = rest.indexOf('--role');
      const name = username(rest.find((a, i) => !a.startsWith('--') && i !== roleAt + 1));
      if (roleAt < 0) throw new UsageError('add needs --role admin|editor|viewer');
      const r = role(rest[roleAt + 1]);
      const passwordHash = await newPasswordHash(process.env);
      try {
        await users.addUser({ username: name, role: r, passwordHash, createdAt: new Date().toISOString() });
      } catch (err) {
        if (err instanceof UserExists) throw new Refused(`user ${name} already exists`);
        throw err;
      }
      out(`added ${name} (${r})`);
      return;
    }
    case 'list': {
      const all = await users.listUsers();
      if (all.length === 0) out('no accounts (add one with: npm run user -- add NAME --role admin)');
      for (const u of all) out(`${u.username}\t${u.role}\t${u.createdAt}${u.disabled ? '\tdisabled' : ''}`);
      return;
    }
    case 'set-role': {
      const name = username(rest[0]);
      const r = role(rest[1]);
      if (!(await users.setRole(name, r))) throw new Refused(`no user ${name}`);
      out(`${name} is now ${r}`);
      return;
    }
    case 'passwd': {
      const name = username(rest[0]);
      if (!(await users.getUser(name))) throw new Refused(`no user ${name}`);
      if (!(await users.setPasswordHash(name, await newPasswordHash(process.env))))
        throw new Refused(`no user ${name}`);
      out(`password of ${name} changed; their sessions were ended`);
      return;
    }
    case 'remove': {
      const name = username(rest[0]);
      if (!(await users.removeUser(name))) throw new Refused(`no user ${name}`);
      out(`removed ${name}`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command: ${command}` : 'a command is required');
  }
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h') || args.length === 0) {
    process.stdout.write(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  if (args.some((a) => /^--?pass(word)?(=|$)/i.test(a))) {
    process.stderr.write(
      'user: passwords are never taken from the command line; pipe it to stdin or set LCMAP_PASSWORD\n',
    );
    return 2;
  }
  const config = loadConfig(process.env);
  const users = await openUserStore(config);
  try {
    await run(args, users, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`user: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof Refused) {
      process.stderr.write(`user: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await users.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`user: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
