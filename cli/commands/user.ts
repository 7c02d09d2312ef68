// `beacon user add --role <role> <name> [--password-stdin | --password-env VAR] [--property id]...`
// Creates a user in the store `beacon serve` opens (DATABASE_URL, else PGlite in --data,
// BEACON_DATA_DIR or ./data). The password is never echoed or printed.
import { resolve } from 'node:path';
import { ConflictError, hashPassword, NotFoundError, openStore, ROLES, schemas, storeConfigFrom, type Role, type StoreConfig, ValidationError } from '../../server/index.js';
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

export async function runUser(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new UsageError(sub ? t.unknownSubcommand(sub) : t.sayWhat('user'));
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
