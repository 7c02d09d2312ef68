// `beacon key add|create <name> [--user NAME] [--data DIR]`: an API key for a system,
// printed once (only its hash is stored). It belongs to --user, by default the first
// admin. `beacon key list` shows every key (never its secret); `beacon key revoke <id>`
// stops one at once (a running service hears it through the store's notification).
import { hashToken, newToken, NotFoundError, openStore, type Repository } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';
import { storeFor, table } from './user.js';

const SUBCOMMANDS = ['add', 'create', 'list', 'revoke'];

export async function runKey(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const [sub, ...rest] = argv;
  if (!sub) throw new UsageError(t.sayWhatOf('key', SUBCOMMANDS.join('|')));
  if (!SUBCOMMANDS.includes(sub)) throw new UsageError(t.unknownSubcommand(sub));
  if (sub === 'list' || sub === 'revoke') return manageKeys(sub, rest, io);
  const args = parseArgs(rest, { options: ['user', 'data'] }, t);
  const [name, ...extra] = args.positionals;
  if (!name || extra.length > 0) throw new UsageError(t.oneName('key'));
  const userName = args.options.get('user')?.at(-1);

  const store = await openStore(storeFor(args.options.get('data')?.at(-1), io.cwd));
  try {
    const owner =
      userName === undefined
        ? (await store.repository.listUsers()).find((u) => u.role === 'admin' && u.disabledAt === null)
        : (await store.repository.findCredentials(userName))?.user;
    if (!owner) {
      io.err(userName === undefined ? 'beacon key: no admin exists yet; create one with beacon user add --role admin <name>\n' : `beacon key: no user named "${userName}"\n`);
      return 1;
    }
    const key = newToken();
    const apiKey = await store.repository.transaction(async (repo) => {
      const created = await repo.createApiKey({ userId: owner.id, name, keyHash: hashToken(key) });
      await repo.audit({ actor: 'cli', action: 'key.create', detail: { keyId: created.id, name: created.name, userId: owner.id } });
      return created;
    });
    io.err(`created API key ${apiKey.name} (${apiKey.id}) for ${owner.name}; it is shown this once:\n`);
    io.out(`${key}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function listKeys(repository: Repository, io: Io): Promise<void> {
  const t = textOf(io);
  const keys = await repository.listAllApiKeys();
  io.out(keys.length === 0 ? `${t.none}\n` : table(t.keyColumns, keys.map((k) => [k.id, k.name, k.owner, k.role, k.createdAt, k.lastUsedAt ?? '', k.revokedAt ?? ''])));
}

async function manageKeys(sub: 'list' | 'revoke', rest: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(rest, { options: ['data'] }, t);
  const [id, ...extra] = args.positionals;
  if (sub === 'list' ? args.positionals.length > 0 : !id || extra.length > 0) throw new UsageError(sub === 'list' ? t.unknownSubcommand(args.positionals.join(' ')) : t.oneName('key'));
  const store = await openStore(storeFor(args.options.get('data')?.at(-1), io.cwd));
  try {
    if (sub === 'list') {
      await listKeys(store.repository, io);
      return 0;
    }
    try {
      const key = await store.repository.transaction(async (repo) => {
        const revoked = await repo.revokeApiKey(id!);
        await repo.audit({ actor: 'cli', action: 'key.revoke', detail: { keyId: revoked.id, name: revoked.name, userId: revoked.userId } });
        return revoked;
      });
      io.out(`${t.keyRevoked(key.name, key.id)}\n`);
      return 0;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      io.err(`beacon key: ${t.noSuchKey(id!)}\n`);
      return 1;
    }
  } finally {
    await store.close();
  }
}
