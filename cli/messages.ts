// The catalogue of the command line's own texts (usage, usage errors, summaries, hints,
// progress) in English and Chinese. Diagnostics keep their codes and the engine's
// reasons carry both languages already; what is here is what the CLI itself says.
// It imports nothing (types only), so `beacon --help` never loads the parser or the server.
import type { TableProblem } from './holiday-table.js';

export type Lang = 'en' | 'zh';

/** `zh`, `zh-CN`, `zh_CN.UTF-8`… are Chinese; `en…`, `C` and `POSIX` are English; anything else: undefined. */
export function langOf(tag: string | undefined): Lang | undefined {
  if (!tag) return undefined;
  if (/^zh([-_.@]|$)/i.test(tag)) return 'zh';
  if (/^(en([-_.@]|$)|C(\.|$)|POSIX$)/i.test(tag)) return 'en';
  return undefined;
}

/** The language of the locale, read as POSIX does: LC_ALL, then LC_MESSAGES, then LANG. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const tag = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return tag && /^zh/i.test(tag) ? 'zh' : 'en';
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
const duration = (seconds: number): string =>
  seconds >= 3600 ? `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min` : seconds >= 60 ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s` : `${Math.ceil(seconds)} s`;
const durationZh = (seconds: number): string =>
  seconds >= 3600 ? `${Math.floor(seconds / 3600)} 小时 ${Math.round((seconds % 3600) / 60)} 分` : seconds >= 60 ? `${Math.floor(seconds / 60)} 分 ${Math.round(seconds % 60)} 秒` : `${Math.ceil(seconds)} 秒`;

export interface Progress {
  done: number;
  perSecond: number;
  /** Undefined until the rate is known. */
  secondsLeft: number | undefined;
}

const en = {
  intro: 'Beacon: SLA and escalation policies as code.',
  usageHeading: 'Usage:',
  globalOptions: `Every command takes --help (-h). beacon --version (-V) prints the version.
--lang zh-CN|en chooses the language of these messages (default: from LC_ALL, LC_MESSAGES, LANG).
Exit codes: 0 done, 1 findings (errors, failed tests, rejected rows), 2 wrong usage.`,
  usage: {
    check: `beacon check <files or folders | -> [--with DIR]... [--json] [--max-errors N]
  Checks .sla policies and prints each problem as file:line:col: severity CODE message.
  Policies they extend or use are looked up among the named files, the --with
  folders, and ./policies when it exists. - reads one policy from standard input.
  --max-errors N stops after N errors. Short: -j --json, -m --max-errors.
  Exit code 1 when any error is found.`,
    fmt: `beacon fmt [--check | --write | --diff] <files or folders | ->
  Prints .sla files in the canonical layout. --check lists the files that are not
  formatted and exits 1 if any; --diff prints what would change as a unified diff and
  exits 1 if anything would; --write rewrites them in place. - reads standard input.
  Files with syntax errors are reported and left untouched (exit 1).
  Short: -c --check, -d --diff, -w --write.`,
    test: `beacon test [files or folders] [--with DIR]... [--run PATTERN] [--json]
  Runs the test blocks of the named policies (default: ./policies) and prints each
  pass or failure with its line, expected and actual. --run runs only the tests whose
  name matches the regular expression. Short: -r --run, -j --json.
  Exit code 1 on any failure.`,
    eval: `beacon eval --policy <file> [--property <id>] --ticket <file.json | -> [--at <instant>] [--households N] [--explain] [--json]
  Evaluates one ticket under a policy at an instant (default: now): each clock's due
  time and state, the warning level and why, the routes, the actions and the penalty.
  --households gives the property's total households (its record in the service's
  store) for share(…, households()); without it those rules do not fire (note E340).
  --ticket - reads the ticket from standard input. --at takes an instant with an offset
  (2026-10-08T12:00:00+08:00) as given; a wall time without one (2026-10-08T12:00 or
  "2026-10-08 12:00") is read in the policy's time zone, and a date alone (2026-10-08)
  is midnight starting that date there. Short: -p --policy, -t --ticket, -a --at,
  -e --explain, -j --json.`,
    simulate: `beacon simulate --from <policy file> --to <policy file> <tickets.ndjson> [--at <instant>] [--workers N] [--json]
  Re-runs a ticket history under two policies and prints the difference: counts by
  clock state and warning level, penalties by unit and by category x tier, and the
  tickets whose outcome changed, with why. Streams the file (tickets in creation order)
  on --workers threads (default: one per core), split by property. On a terminal a
  progress line shows tickets done, rate and time left. Short: -f --from, -t --to,
  -a --at, -w --workers, -j --json.`,
    compile: `beacon compile --target json-rules-engine --policy <file> [--property <id>]
  Prints the policy's warning, notification and penalty rules as json-rules-engine
  rules (clock outcomes enter as facts: ticket, overdue, elapsed, share).
  Short: -p --policy.`,
    effective: `beacon effective --policy <file> [--property <id>] [--json]
  Prints the effective policy of a property (its group, branch and own values merged)
  with the file and line that set every value. Short: -p --policy, -j --json.`,
    serve: `beacon serve [--port N] [--host H] [--memory] [--data DIR] [--policies DIR] [--origin URL]
  Runs the HTTP service (POST /v1/evaluate, /v1/docs) and the admin UI (/) on
  127.0.0.1:8080 by default (or PORT, HOST); the UI is rebuilt first when its sources
  changed. Store: DATABASE_URL (PostgreSQL), --memory (in-memory PGlite, forgotten at
  exit), else PGlite in --data (BEACON_DATA_DIR, ./data). An empty store gets the
  policies of --policies (./policies). Listens on 127.0.0.1 unless --host says otherwise;
  put TLS in front before binding publicly. --origin (BEACON_PUBLIC_ORIGIN): the origin
  browsers reach it at behind a proxy; state-changing browser requests from any other
  origin are refused. Stops cleanly on SIGINT (Ctrl-C) and SIGTERM. Short: -p --port.`,
    user: `beacon user add|create --role <admin|quality|manager|viewer> <name> [--password-stdin | --password-env VAR] [--property ID]... [--data DIR]
       beacon user list | disable <name> | enable <name> | reset-password <name> | set-role <name> <role> [--property ID]... [--data DIR]
  Manages users in the store beacon serve uses (DATABASE_URL, else PGlite in --data,
  BEACON_DATA_DIR or ./data); every change is audited (actor cli). A password comes from
  standard input or an environment variable, never from the command line, and is not
  printed; reset-password prints a new one once, and ends the user's sessions, as
  disable does (their keys stop working too). The last enabled admin cannot be disabled
  or demoted. set-role with --property replaces the assigned properties. Short: -r --role.`,
    key: `beacon key add|create <name> [--user NAME] [--data DIR]
       beacon key list | revoke <id> [--data DIR]
  Creates an API key for a system (it acts with its owner's rights: evaluate, write
  tickets, read the ticket list and scores) and prints it once: send it as
  Authorization: Bearer <key>. It belongs to --user, by default the first admin by name.
  list shows every key (never its secret); revoke stops one at once. Same store as
  beacon serve; audited (actor cli).`,
    import: `beacon import <file.ndjson|file.csv> [--url URL] [--key KEY] [--dry-run]
  Imports tickets into a running service, printing each rejected row (line, ticket,
  pointer, code, message); on a terminal a progress line shows rows done, rate and time
  left. The file's extension says its format (.csv; .ndjson or .jsonl). --url:
  http://127.0.0.1:8080 by default. The API key comes from --key or BEACON_KEY (which
  keeps it out of the process list). --dry-run checks and counts without writing.
  Short: -u --url, -k --key, -n --dry-run. Exit code 1 when a row was rejected or the
  import stopped early.`,
    holidays: `beacon holidays import <file.ics | file.csv | -> --name <library> [--label TEXT] [--zone ZONE] [--format ics|csv] [--out FILE]
  Writes a holiday library (.sla) from an ICS feed or a CSV year table (date,kind[,label],
  kind holiday or workday, or 休 or 班). ICS events may be all-day or timed; CATEGORIES or
  the summary says holiday (假期, 放假, (休)) or make-up working day (补班, 上班, (班)).
  Consecutive days of one festival become one range; the output is formatted, and the
  same input always gives the same file. --out writes it (default: standard output); -
  reads standard input and needs --format. --zone: Asia/Shanghai by default. When any
  line is wrong nothing is written: each is printed with its line number (exit code 1).
  Dates from 1970 to 2200, at most 10,000 entries, 4 MiB.
  Short: -n --name, -o --out, -f --format.`,
  },
  seeHelp: (command: string) => `Run beacon ${command} --help for its options.`,
  unknownCommand: (name: string) => `unknown command '${name}'`,
  unknownOption: (name: string) => `Unknown option ${name}`,
  didYouMean: (name: string) => `did you mean ${name}?`,
  needsValue: (name: string) => `${name} needs a value`,
  badLang: (value: string) => `--lang must be zh-CN or en, not '${value}'`,
  internalError: (message: string) => `internal error: ${message}. Please report it with the command line that caused it.`,
  needsFiles: (command: string) => `${command} needs at least one file or folder`,
  stdinAlone: 'read standard input (-) on its own, not with other files',
  maxErrors: '--max-errors must be a whole number >= 1',
  moreErrors: (n: number) => `… and ${plural(n, 'more error')} (--max-errors)`,
  checkSummary: (errors: number, warnings: number, files: number) => `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}.`,
  fmtOneOf: 'choose one of --check, --diff and --write',
  fmtWriteStdin: '--write cannot rewrite standard input',
  fmtNotFormatted: (uri: string) => `${uri}: not formatted`,
  fmtFormatted: (uri: string) => `${uri}: formatted`,
  fmtKept: (uri: string) => `${uri}: the formatter could not keep this file's meaning, so it was left unchanged. Please report this file.`,
  fmtAllFormatted: (n: number) => `${plural(n, 'file')} already formatted.`,
  fmtNeedFormatting: (changed: number, n: number) => `${changed} of ${plural(n, 'file')} need formatting.`,
  testSummary: (passed: number, failed: number) => `${passed} passed, ${failed} failed`,
  testBadPattern: (pattern: string, why: string) => `--run '${pattern}' is not a regular expression: ${why}`,
  testNoMatch: (pattern: string) => `no test name matches --run '${pattern}'`,
  evalNeeds: 'eval needs --policy and --ticket',
  cannotReadTicket: (file: string, why: string) => `Cannot read the ticket ${file}: ${why}`,
  envelopeHint:
    'this is the API request body ({"ticket": …, "at": …}); beacon eval takes the ticket alone. Save the "ticket" part to its own file (jq .ticket) and give "at" with --at.',
  simulateNeeds: 'simulate needs --from, --to and a tickets file',
  noSuchFile: (file: string) => `No such file: ${file}`,
  workers: '--workers must be a whole number >= 1',
  households: "--households must be a whole number >= 1 (the property's total households, as its record says)",
  examples: '--examples must be a whole number >= 0',
  progress: (what: 'tickets' | 'rows', p: Progress) =>
    `… ${p.done.toLocaleString('en')} ${what}, ${Math.round(p.perSecond).toLocaleString('en')}/s${p.secondsLeft === undefined ? '' : `, about ${duration(p.secondsLeft)} left`}`,
  badLines: (file: string, n: number) => `… and ${plural(n, 'more bad line')} in ${file}`,
  compileTarget: (target: string | undefined) => `--target must be json-rules-engine${target ? `, not ${target}` : ''}`,
  needsPolicy: (command: string) => `${command} needs --policy <file>`,
  serveNoArgs: (args: string) => `serve takes no arguments, got ${args}`,
  unknownSubcommand: (sub: string) => `unknown subcommand '${sub}'`,
  sayWhat: (command: string) => `say what to do: ${command} add`,
  oneName: (what: string) => `give exactly one ${what} name`,
  oneFile: 'give exactly one file',
  importFormat: (file: string) => `say the format by the file's extension: .csv, .ndjson or .jsonl, not '${file}'`,
  importKey: 'give an API key: --key KEY or BEACON_KEY',
  holidaysSayWhat: 'say what to do: holidays import',
  holidaysNeedsName: 'holidays import needs --name <library id>, e.g. --name cn-holidays-2027',
  holidaysBadName: (name: string) => `--name must be a library id of lowercase letters, digits and hyphens (cn-holidays-2027), not '${name}'`,
  holidaysBadZone: (zone: string) => `--zone must be an IANA time zone (Asia/Shanghai), not '${zone}'`,
  holidaysFormat: (file: string) => `say the format with --format ics|csv or by the file's extension (.ics, .csv), not '${file}'`,
  holidaysProblem: (p: TableProblem): string => {
    switch (p.what) {
      case 'tooLarge':
        return `the input is larger than ${p.limit / 1024 / 1024} MiB; a year's table is a few KiB`;
      case 'tooMany':
        return `more than ${p.limit.toLocaleString('en')} entries; import one feed of a few years at a time`;
      case 'badDate':
        return `'${p.text}' is not a date (yyyy-mm-dd in CSV, yyyymmdd or yyyymmddThhmmss in ICS)`;
      case 'yearOutOfRange':
        return `${p.text} is outside the years 1970 to 2200`;
      case 'rangeTooLong':
        return `this event lasts ${p.days} days; an event of a holiday table lasts at most a year`;
      case 'unknownKind':
        return `cannot tell holiday from make-up working day in '${p.text}': say 假期, 放假 or (休) for a holiday, 补班, 上班 or (班) for a working day (or holiday/workday in CATEGORIES, or in the CSV's kind column)`;
      case 'noStart':
        return 'this event has no DTSTART';
      case 'unclosedEvent':
        return 'this event has no END:VEVENT';
      case 'badCsvLine':
        return `'${p.text}' is not date,kind or date,kind,label`;
      case 'bothKinds':
        return `${p.date} is both a holiday and a make-up working day (also on line ${p.other})`;
      case 'empty':
        return 'no holiday or make-up working day found';
    }
  },
  holidaysWrote: (name: string, file: string, holidays: number, workdays: number, years: string) =>
    `${file}: library ${name}, ${plural(holidays, 'holiday')} and ${plural(workdays, 'make-up working day')} in ${years}.`,
  holidaysUnchanged: (file: string) => `${file}: unchanged.`,
  // beacon user / beacon key (issue 12)
  sayWhatOf: (command: string, subs: string) => `say what to do: ${command} ${subs}`,
  noSuchUser: (name: string) => `no user named "${name}"`,
  noSuchKey: (id: string) => `no API key with id "${id}"`,
  roleNeeded: 'give the user and the role: user set-role <name> <admin|quality|manager|viewer>',
  userDisabled: (name: string) => `disabled ${name}: their sessions and API keys stopped working`,
  userEnabled: (name: string) => `enabled ${name}`,
  userRoleSet: (name: string, role: string, properties: string[]) => `${name} is now ${role}${properties.length ? ` for ${properties.join(', ')}` : ''}`,
  passwordReset: (name: string) => `a new password for ${name}, shown this once (their sessions have ended):`,
  keyRevoked: (name: string, id: string) => `revoked API key ${name} (${id})`,
  none: '(none)',
  userColumns: ['name', 'role', 'properties', 'disabled'] as string[],
  keyColumns: ['id', 'name', 'owner', 'role', 'created', 'last used', 'revoked'] as string[],
};

export type Messages = typeof en;

const zh: Messages = {
  intro: 'Beacon：以代码管理物业报事处理时限、预警与考核政策。',
  usageHeading: '用法：',
  globalOptions: `每个命令都支持 --help（-h）。beacon --version（-V）显示版本。
--lang zh-CN|en 选择提示信息的语言（默认按 LC_ALL、LC_MESSAGES、LANG 判断）。
退出码：0 完成，1 发现问题（错误、测试失败、被拒的行），2 用法错误。`,
  usage: {
    check: `beacon check <文件或目录 | -> [--with 目录]... [--json] [--max-errors N]
  检查 .sla 政策文件，每个问题输出为 文件:行:列: 严重程度 代码 说明。
  被 extends 或 use 引用的政策在所列文件、--with 目录和 ./policies（若存在）中查找。
  - 表示从标准输入读取一个政策。--max-errors N 在 N 个错误后停止。
  简写：-j --json，-m --max-errors。发现错误时退出码为 1。`,
    fmt: `beacon fmt [--check | --write | --diff] <文件或目录 | ->
  按统一格式输出 .sla 文件。--check 列出未格式化的文件，有则退出码 1；--diff 以
  统一差异格式显示将要修改的内容，有修改则退出码 1；--write 直接改写文件。- 表示读取
  标准输入。有语法错误的文件会报告并保持不变（退出码 1）。
  简写：-c --check，-d --diff，-w --write。`,
    test: `beacon test [文件或目录] [--with 目录]... [--run 模式] [--json]
  运行政策中的 test 块（默认 ./policies），逐条输出通过或失败及其行号、期望值与实际值。
  --run 只运行名称匹配该正则表达式的测试。简写：-r --run，-j --json。
  有测试失败时退出码为 1。`,
    eval: `beacon eval --policy <文件> [--property <编号>] --ticket <工单.json | -> [--at <时刻>] [--households N] [--explain] [--json]
  在某一时刻（默认：现在）按政策计算一张工单：各时钟的到期时间与状态、预警级别及原因、
  转派、通知对象与扣分。--households 给出项目档案中的总户数，供 share(…, households()) 使用；
  不给时这些规则不触发（提示 E340）。--ticket - 从标准输入读取工单。--at 带时区偏移的时刻
  （2026-10-08T12:00:00+08:00）按原样读取；不带偏移的时间（2026-10-08T12:00 或
  "2026-10-08 12:00"）按政策的时区读取；只有日期（2026-10-08）表示当地当天零点。
  简写：-p --policy，-t --ticket，-a --at，-e --explain，-j --json。`,
    simulate: `beacon simulate --from <政策文件> --to <政策文件> <工单.ndjson> [--at <时刻>] [--workers N] [--json]
  用两版政策重算一段工单历史并输出差异：各时钟状态与预警级别的数量、按单位和按
  类别×级别的扣分，以及结果有变化的工单及原因。按物业分片，在 --workers 个线程上
  流式处理（默认每核一个）。在终端上显示进度行：已处理工单数、速度和剩余时间。
  简写：-f --from，-t --to，-a --at，-w --workers，-j --json。`,
    compile: `beacon compile --target json-rules-engine --policy <文件> [--property <编号>]
  把政策的预警、通知和扣分规则输出为 json-rules-engine 规则（时钟结果作为事实传入：
  ticket、overdue、elapsed、share）。简写：-p --policy。`,
    effective: `beacon effective --policy <文件> [--property <编号>] [--json]
  输出某物业的生效政策（集团、分公司与本项目的取值合并后），并注明每个取值来自哪个
  文件的哪一行。简写：-p --policy，-j --json。`,
    serve: `beacon serve [--port N] [--host 主机] [--memory] [--data 目录] [--policies 目录] [--origin 网址]
  运行 HTTP 服务（POST /v1/evaluate，/v1/docs）和管理界面（/），默认监听 127.0.0.1:8080
  （或 PORT、HOST）；界面源码有改动时先重新构建。存储：DATABASE_URL（PostgreSQL），
  --memory（内存中的 PGlite，退出即丢弃），否则为 --data 目录中的 PGlite
  （BEACON_DATA_DIR，./data）。空的存储会导入 --policies（./policies）中的政策。
  除非 --host 另行指定，只监听 127.0.0.1；对外公开前请在前面加 TLS。
  --origin（BEACON_PUBLIC_ORIGIN）：经代理访问时浏览器所用的源；来自其他源的浏览器写请求会被拒绝。
  收到 SIGINT（Ctrl-C）或 SIGTERM 时正常停止。简写：-p --port。`,
    user: `beacon user add|create --role <admin|quality|manager|viewer> <用户名> [--password-stdin | --password-env 变量] [--property 编号]... [--data 目录]
       beacon user list | disable <用户名> | enable <用户名> | reset-password <用户名> | set-role <用户名> <角色> [--property 编号]... [--data 目录]
  管理 beacon serve 使用的存储中的用户（DATABASE_URL，否则为 --data、BEACON_DATA_DIR
  或 ./data 中的 PGlite）；每次变更都记入审计（操作者 cli）。密码来自标准输入或环境变量，
  绝不来自命令行，也不会输出；reset-password 只输出一次新密码，并像 disable 一样结束该用户
  的所有会话（其密钥也随即失效）。不能停用或降级最后一个启用的管理员。set-role 带
  --property 时替换所分配的项目。简写：-r --role。`,
    key: `beacon key add|create <名称> [--user 用户名] [--data 目录]
       beacon key list | revoke <编号> [--data 目录]
  为外部系统创建 API 密钥（按其所属用户的权限：计算、写入工单、读取工单列表和考核得分）并只显示
  这一次：以 Authorization: Bearer <密钥> 发送。密钥属于 --user，默认为按名称排序的第一个管理员。
  list 列出所有密钥（从不显示密钥本身）；revoke 立即停用一个密钥。存储与 beacon serve 相同；
  记入审计（操作者 cli）。`,
    import: `beacon import <文件.ndjson|文件.csv> [--url 地址] [--key 密钥] [--dry-run]
  把工单导入正在运行的服务，逐条输出被拒的行（行号、工单、位置、代码、说明）；在终端上
  显示进度行：已处理行数、速度和剩余时间。文件扩展名决定格式（.csv；.ndjson 或 .jsonl）。
  --url 默认为 http://127.0.0.1:8080。API 密钥来自 --key 或 BEACON_KEY（后者不会出现在
  进程列表中）。--dry-run 只检查和计数，不写入。简写：-u --url，-k --key，-n --dry-run。
  有行被拒或导入中途停止时退出码为 1。`,
    holidays: `beacon holidays import <文件.ics | 文件.csv | -> --name <库名> [--label 名称] [--zone 时区] [--format ics|csv] [--out 文件]
  由 ICS 日历订阅或 CSV 年表（日期,类型[,名称]，类型为 holiday 或 workday，也可写 休 或 班）
  生成节假日库（.sla）。ICS 事件可以是全天或定时事件；由 CATEGORIES 或标题判断是放假日
  （假期、放假、(休)）还是调休上班日（补班、上班、(班)）。同一节日的连续日期合并为一个
  区间；输出已格式化，同样的输入总是得到同样的文件。--out 写入文件（默认输出到标准输出）；
  - 读取标准输入，此时需要 --format。--zone 默认为 Asia/Shanghai。有任何一行出错时不写入，
  逐行输出错误及行号（退出码 1）。日期限 1970 至 2200 年，最多 10,000 条，4 MiB。
  简写：-n --name，-o --out，-f --format。`,
  },
  seeHelp: (command) => `运行 beacon ${command} --help 查看可用选项。`,
  unknownCommand: (name) => `没有 '${name}' 这个命令`,
  unknownOption: (name) => `没有 ${name} 这个选项`,
  didYouMean: (name) => `是不是要用 ${name}？`,
  needsValue: (name) => `${name} 需要一个值`,
  badLang: (value) => `--lang 只能是 zh-CN 或 en，不能是 '${value}'`,
  internalError: (message) => `内部错误：${message}。请连同引发它的命令行一起报告。`,
  needsFiles: (command) => `${command} 至少需要一个文件或目录`,
  stdinAlone: '标准输入（-）只能单独使用，不能与其他文件一起',
  maxErrors: '--max-errors 必须是不小于 1 的整数',
  moreErrors: (n) => `…… 另有 ${n} 个错误未显示（--max-errors）`,
  checkSummary: (errors, warnings, files) => `${files} 个文件中有 ${errors} 个错误、${warnings} 个警告。`,
  fmtOneOf: '--check、--diff 和 --write 只能选一个',
  fmtWriteStdin: '--write 不能改写标准输入',
  fmtNotFormatted: (uri) => `${uri}：未格式化`,
  fmtFormatted: (uri) => `${uri}：已格式化`,
  fmtKept: (uri) => `${uri}：格式化程序无法保持该文件的含义，因此未作修改。请报告这个文件。`,
  fmtAllFormatted: (n) => `${n} 个文件均已格式化。`,
  fmtNeedFormatting: (changed, n) => `${n} 个文件中有 ${changed} 个需要格式化。`,
  testSummary: (passed, failed) => `通过 ${passed} 个，失败 ${failed} 个`,
  testBadPattern: (pattern, why) => `--run '${pattern}' 不是有效的正则表达式：${why}`,
  testNoMatch: (pattern) => `没有名称匹配 --run '${pattern}' 的测试`,
  evalNeeds: 'eval 需要 --policy 和 --ticket',
  cannotReadTicket: (file, why) => `无法读取工单 ${file}：${why}`,
  envelopeHint: '这是 API 的请求体（{"ticket": …, "at": …}）；beacon eval 只接受工单本身。请把 "ticket" 部分另存为文件（jq .ticket），并用 --at 给出 "at"。',
  simulateNeeds: 'simulate 需要 --from、--to 和一个工单文件',
  noSuchFile: (file) => `没有这个文件：${file}`,
  workers: '--workers 必须是不小于 1 的整数',
  households: '--households 必须是不小于 1 的整数（项目档案中的总户数）',
  examples: '--examples 必须是不小于 0 的整数',
  progress: (what, p) =>
    `…… 已处理 ${p.done.toLocaleString('en')} ${what === 'tickets' ? '张工单' : '行'}，每秒 ${Math.round(p.perSecond).toLocaleString('en')}${p.secondsLeft === undefined ? '' : `，约剩 ${durationZh(p.secondsLeft)}`}`,
  badLines: (file, n) => `…… ${file} 中另有 ${n} 行有误`,
  compileTarget: (target) => `--target 必须是 json-rules-engine${target ? `，不能是 ${target}` : ''}`,
  needsPolicy: (command) => `${command} 需要 --policy <文件>`,
  serveNoArgs: (args) => `serve 不接受参数，收到了 ${args}`,
  unknownSubcommand: (sub) => `没有 '${sub}' 这个子命令`,
  sayWhat: (command) => `请说明要做什么：${command} add`,
  oneName: (what) => `请只给出一个${what === 'user' ? '用户' : '密钥'}名称`,
  oneFile: '请只给出一个文件',
  importFormat: (file) => `请用文件扩展名说明格式：.csv、.ndjson 或 .jsonl，而不是 '${file}'`,
  importKey: '请给出 API 密钥：--key 密钥 或 BEACON_KEY',
  holidaysSayWhat: '请说明要做什么：holidays import',
  holidaysNeedsName: 'holidays import 需要 --name <库名>，例如 --name cn-holidays-2027',
  holidaysBadName: (name) => `--name 必须是由小写字母、数字和连字符组成的库名（如 cn-holidays-2027），不能是 '${name}'`,
  holidaysBadZone: (zone) => `--zone 必须是 IANA 时区（如 Asia/Shanghai），不能是 '${zone}'`,
  holidaysFormat: (file) => `请用 --format ics|csv 或文件扩展名（.ics、.csv）说明格式，而不是 '${file}'`,
  holidaysProblem: (p) => {
    switch (p.what) {
      case 'tooLarge':
        return `输入超过 ${p.limit / 1024 / 1024} MiB；一年的节假日表只有几 KiB`;
      case 'tooMany':
        return `条目超过 ${p.limit.toLocaleString('en')} 条；请每次导入几年的数据`;
      case 'badDate':
        return `'${p.text}' 不是日期（CSV 写 yyyy-mm-dd，ICS 写 yyyymmdd 或 yyyymmddThhmmss）`;
      case 'yearOutOfRange':
        return `${p.text} 不在 1970 至 2200 年之间`;
      case 'rangeTooLong':
        return `该事件长达 ${p.days} 天；节假日表中的事件最长一年`;
      case 'unknownKind':
        return `无法判断 '${p.text}' 是放假日还是调休上班日：放假日请写 假期、放假 或 (休)，调休上班日请写 补班、上班 或 (班)（也可在 CATEGORIES 或 CSV 的类型列写 holiday/workday）`;
      case 'noStart':
        return '该事件没有 DTSTART';
      case 'unclosedEvent':
        return '该事件缺少 END:VEVENT';
      case 'badCsvLine':
        return `'${p.text}' 不是 日期,类型 或 日期,类型,名称`;
      case 'bothKinds':
        return `${p.date} 既是放假日又是调休上班日（另见第 ${p.other} 行）`;
      case 'empty':
        return '没有找到放假日或调休上班日';
    }
  },
  holidaysWrote: (name, file, holidays, workdays, years) => `${file}：节假日库 ${name}，${years} 年共 ${holidays} 个放假日、${workdays} 个调休上班日。`,
  holidaysUnchanged: (file) => `${file}：内容未变。`,
  sayWhatOf: (command, subs) => `请说明要做什么：${command} ${subs}`,
  noSuchUser: (name) => `没有名为 "${name}" 的用户`,
  noSuchKey: (id) => `没有编号为 "${id}" 的 API 密钥`,
  roleNeeded: '请给出用户和角色：user set-role <用户名> <admin|quality|manager|viewer>',
  userDisabled: (name) => `已停用 ${name}：其会话和 API 密钥已失效`,
  userEnabled: (name) => `已启用 ${name}`,
  userRoleSet: (name, role, properties) => `${name} 现为 ${role}${properties.length ? `，负责 ${properties.join('、')}` : ''}`,
  passwordReset: (name) => `${name} 的新密码，只显示这一次（其会话已结束）：`,
  keyRevoked: (name, id) => `已停用 API 密钥 ${name}（${id}）`,
  none: '（无）',
  userColumns: ['用户名', '角色', '项目', '停用于'],
  keyColumns: ['编号', '名称', '所属用户', '角色', '创建于', '最近使用', '停用于'],
};

export function messagesFor(lang: Lang): Messages {
  return lang === 'zh' ? zh : en;
}
