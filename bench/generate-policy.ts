// Generates a syntactically and semantically valid group policy of about
// `lines` lines, shaped like real ones: calendars, classification, many clocks
// with target tables, warnings, tests.

export function generatePolicy(lines: number): string {
  const out: string[] = [
    'group bench-group "基准测试集团"',
    'zone "Asia/Shanghai"',
    '',
    'calendar always "全天候" 24x7',
    'calendar office "办公时间" {',
    '  mon-fri 08:30-12:00, 13:30-17:30',
    '  sat 09:00-12:00',
    '  holiday 2026-10-01..2026-10-07 "国庆节"',
    '  workday 2026-10-10 "调休"',
    '}',
    '',
    'categories { engineering "工程维修", cleaning "保洁服务", order "秩序维护", other "其他" }',
    'tiers { urgent "紧急", important "重要", general "一般" }',
    'events { accepted, contacted, arrived, resolved, revisited, paused, resumed, progress_reported }',
    'roles { supervisor "客服主管", quality_head "品质部负责人" }',
    'flags { media_risk "媒体风险" }',
    'attribute kind "类型" { repair "报修", complaint "投诉", inquiry "咨询" }',
    'param households: count = 1200',
    '',
    'warning blue "蓝色预警" {',
    '  when overdue() >= 3d or repeatCount >= 1',
    '  notify supervisor',
    '  plan within 1d',
    '}',
    'warning red "红色预警" {',
    '  when overdue() >= 15d or share(issueKey, 30d, households) >= 5% or flags has media_risk',
    '  notify supervisor, quality_head',
    '  plan within 1d',
    '}',
    'penalties { blue 0.2 points, red 1 point }',
    '',
  ];
  let i = 0;
  while (out.length < lines) {
    i++;
    out.push(
      `// 时限 ${i}`,
      `param limit_${i} "时限${i}": duration = ${(i % 12) + 1}h`,
      `clock clock_${i} "计时${i}" {`,
      '  start accepted',
      '  stop resolved',
      '  pause paused',
      '  resume resumed',
      `  calendar ${i % 2 === 0 ? 'office' : 'always'}`,
      '  when kind = repair and priority in (urgent, important)',
      '  target {',
      `    *: limit_${i}`,
      `    */urgent: ${(i % 50) + 10}m`,
      `    engineering: ${i % 2 === 0 ? '2 workdays' : '4h'}`,
      `    engineering/urgent: ${(i % 30) + 5}m`,
      '  }',
      '}',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
