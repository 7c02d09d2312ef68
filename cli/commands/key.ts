// `beacon key add <name> [--user NAME] [--data DIR]`: an API key for a system, printed
// once (only its hash is stored). It belongs to --user, by default the first admin.
import { hashToken, newToken, openStore } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';
import { storeFor } from './user.js';

export async function runKey(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new UsageError(sub ? t.unknownSubcommand(sub) : t.sayWhat('key'));
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
