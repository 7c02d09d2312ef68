// `beacon user add|create --role <role> <name> [--password-stdin | --password-env VAR] [--property id]...`
// and `beacon user list | disable | enable | reset-password | set-role`: users in the store
// `beacon serve` opens (DATABASE_URL, else PGlite in --data, BEACON_DATA_DIR or ./data),
// changed as the API changes them (server/user-admin.ts: audited, the last admin kept).
// A password is never echoed; reset-password prints the new one once, on stdout.
import { resolve } from 'node:path';
import { changeUser, ConflictError, hashPassword, HttpError, NotFoundError, openStore, resetPassword, ROLES, schemas, storeConfigFrom, type Repository, type Role, type StoreConfig, ValidationError } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';

/** The store `beacon serve` would open, its folder resolved against the working folder. */
export function storeFor(data: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const config = storeConfigFrom({ databaseUrl: env['DATABASE_URL'], dataDir: data ?? env['BEACON_DATA_DIR'] });
  return config.backend === 'pglite' ? { ...config, dir: resolve(cwd, config.dir) } : config;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const SUBCOMMANDS = ['add', 'create', 'list', 'disable', 'enable', 'reset-password', 'set-role'];

/** Rows as columns padded to their widest cell, for a terminal. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd() + '\n').join('');
}

export async function runUser(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const [sub, ...rest] = argv;
  if (!sub) throw new UsageError(t.sayWhatOf('user', SUBCOMMANDS.join('|')));
  if (!SUBCOMMANDS.includes(sub)) throw new UsageError(t.unknownSubcommand(sub));
  if (sub !== 'add' && sub !== 'create') return manageUser(sub, rest, io);
  const args = parseArgs(rest, { flags: ['password-stdin'], options: ['role', 'password-env', 'property', 'data'], short: { r: 'role' } }, t);
  const one = (name: string): string | undefined => args.options.get(name)?.at(-1);
  const [name, ...extra] = args.positionals;
  if (!name || extra.length > 0) throw new UsageError(t.oneName('user'));
  const role = one('role');
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const envName = one('password-env');
  if (args.flags.has('password-stdin') === (envName !== undefined)) throw new UsageError('give the password with exactly one of --password-stdin or --password-env VAR');

  let password: string | undefined;
  if (envName !== undefined) {
    password = process.env[envName];
    if (password === undefined) throw new UsageError(`the environment variable ${envName} is not set`);
  } else {
    password = (await readStdin()).replace(/\r?\n$/, '');
  }
  if (password.length < schemas.PASSWORD_MIN) {
    io.err(`beacon user: the password must have at least ${schemas.PASSWORD_MIN} characters\n`);
    return 1;
  }

  const store = await openStore(storeFor(one('data'), io.cwd));
  try {
    const passwordHash = await hashPassword(password);
    const user = await store.repository.transaction(async (repo) => {
      const created = await repo.createUser({ name, role: role as Role, passwordHash, properties: args.options.get('property') ?? [] });
      await repo.audit({ actor: 'cli', action: 'user.create', detail: { userId: created.id, name: created.name, role: created.role, properties: created.properties } });
      return created;
    });
    io.out(`created ${user.role} ${user.name} (${user.id})${user.properties.length ? ` for ${user.properties.join(', ')}` : ''}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ConflictError || e instanceof NotFoundError || e instanceof ValidationError) {
      io.err(`beacon user: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

/** The store's user of that name, or a message and exit code 1. */
async function userNamed(repository: Repository, name: string, io: Io): Promise<string | undefined> {
  const found = await repository.findCredentials(name);
  if (!found) io.err(`beacon user: ${textOf(io).noSuchUser(name)}\n`);
  return found?.user.id;
}

async function manageUser(sub: string, rest: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(rest, { options: ['data', 'property'] }, t);
  const [name, role, ...extra] = args.positionals;
  if (sub === 'list') {
    if (args.positionals.length > 0) throw new UsageError(t.unknownSubcommand(args.positionals.join(' ')));
  } else if (sub === 'set-role') {
    if (!name || !role || extra.length > 0) throw new UsageError(t.roleNeeded);
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  } else if (!name || role !== undefined) throw new UsageError(t.oneName('user'));

  const store = await openStore(storeFor(args.options.get('data')?.at(-1), io.cwd));
  try {
    const repository = store.repository;
    if (sub === 'list') {
      const users = await repository.listUsers();
      io.out(users.length === 0 ? `${t.none}\n` : table(t.userColumns, users.map((u) => [u.name, u.role, u.properties.join(','), u.disabledAt ?? ''])));
      return 0;
    }
    const id = await userNamed(repository, name!, io);
    if (id === undefined) return 1;
    if (sub === 'reset-password') {
      const password = await resetPassword(repository, 'cli', id, (p) => hashPassword(p));
      io.err(`${t.passwordReset(name!)}\n`);
      io.out(`${password}\n`);
      return 0;
    }
    if (sub === 'set-role') {
      const properties = args.options.get('property');
      const user = await changeUser(repository, 'cli', id, { role: role as Role, ...(properties ? { properties } : {}) });
      io.out(`${t.userRoleSet(user.name, user.role, user.properties)}\n`);
      return 0;
    }
    await changeUser(repository, 'cli', id, { disabled: sub === 'disable' });
    io.out(`${sub === 'disable' ? t.userDisabled(name!) : t.userEnabled(name!)}\n`);
    return 0;
  } catch (e) {
    // The last admin (409), an unknown property (404): what the API would answer, as a finding.
    if (e instanceof HttpError || e instanceof NotFoundError || e instanceof ValidationError) {
      io.err(`beacon user: ${e instanceof HttpError ? (e.detail ?? e.message) : e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}
