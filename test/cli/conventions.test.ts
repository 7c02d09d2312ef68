// The conventions every command follows: --help, --version, did-you-mean, short flags,
// exit codes, the language of the CLI's own messages.
import { describe, expect, it } from 'vitest';
import { usage } from '../../cli/main.js';
import { langFromEnv, langOf, messagesFor } from '../../cli/messages.js';
import { ROLES } from '../../server/index.js';
import { run, runWith, tempTree } from './helpers.js';

const COMMANDS = ['check', 'fmt', 'test', 'eval', 'simulate', 'compile', 'effective', 'serve', 'user', 'key', 'import'];

describe('beacon <command> --help', () => {
  it.each(COMMANDS)('prints the usage of %s on stdout and exits 0, running nothing', async (name) => {
    const r = await run(tempTree({}), name, '--help');
    expect(r.code).toBe(0);
    expect(r.out.startsWith(`beacon ${name}`)).toBe(true);
    expect(r.err).toBe('');
  });

  it('takes -h too, and `beacon help <command>`', async () => {
    expect((await run(tempTree({}), 'fmt', '-h')).out).toMatch(/^beacon fmt/);
    const r = await run(tempTree({}), 'help', 'eval');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^beacon eval/);
  });

  it('leaves --help after -- to the command as a file name', async () => {
    const r = await run(tempTree({}), 'check', '--', '--help');
    expect(r.code).toBe(2);
    expect(r.err).toContain('No such file or folder: --help');
  });
});

describe('beacon --version', () => {
  it('prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await run(tempTree({}), flag);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^beacon \d+\.\d+\.\d+\n$/);
    }
  });
});

describe('did you mean', () => {
  it('suggests the command a typo most likely meant, exit 2', async () => {
    const r = await run(tempTree({}), 'chek', 'x.sla');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'chek' (did you mean beacon check?)");
  });

  it('suggests the option a typo most likely meant, exit 2', async () => {
    const r = await run(tempTree({}), 'fmt', '--chek', 'x.sla');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown option --chek (did you mean --check?)');
  });

  it('says nothing it cannot back up', async () => {
    const r = await run(tempTree({}), 'fmt', '--zzzzzz', 'x.sla');
    expect(r.err).toContain('Unknown option --zzzzzz\n');
  });
});

describe('short flags', () => {
  it('reads -j as --json and -m 1 as --max-errors 1', async () => {
    const dir = tempTree({ 'a.sla': 'group g "x"\nclock c { start }\nclock d { start }\n' });
    const long = await run(dir, 'check', '--json', '--max-errors', '1', 'a.sla');
    const short = await run(dir, 'check', '-j', '-m', '1', 'a.sla');
    expect(short).toEqual(long);
    expect(JSON.parse(short.out).diagnostics.length).toBeGreaterThan(0);
  });

  it('refuses a short flag the command does not have, exit 2', async () => {
    const r = await run(tempTree({}), 'check', '-z', 'a.sla');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown option -z');
  });
});

describe('messages in Chinese', () => {
  it('follows a Chinese locale, LC_ALL before LC_MESSAGES before LANG', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({})).toBe('en');
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf('en')).toBe('en');
    expect(langOf('fr')).toBeUndefined();
  });

  it('prints usage and usage errors in Chinese with --lang zh-CN, and --lang en overrides the locale', async () => {
    const zh = await run(tempTree({}), '--lang', 'zh-CN', 'check');
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('check 至少需要一个文件或目录');
    expect(zh.err).toContain('检查 .sla 政策文件');
    const en = await runWith({ lang: 'zh' }, tempTree({}), 'check', '--lang=en');
    expect(en.err).toContain('check needs at least one file or folder');
  });

  it('refuses a language it does not have, exit 2', async () => {
    const r = await run(tempTree({}), '--lang', 'fr', '--help');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang must be zh-CN or en');
  });

  it('has every text in both languages, and the same usage lines for each command', () => {
    const en = messagesFor('en');
    const zh = messagesFor('zh');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(zh.usage).sort()).toEqual(Object.keys(en.usage).sort());
    expect(usage('zh')).toContain('用法');
  });

  it('lists the roles the store knows in the usage of user add', () => {
    for (const lang of ['en', 'zh'] as const) expect(messagesFor(lang).usage.user).toContain(`--role <${ROLES.join('|')}>`);
  });
});
