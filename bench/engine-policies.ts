// The policies the engine benchmark runs, written over the shipped group's
// vocabulary so the sample tickets fit them: one on 24x7 clocks, and the same
// rules on a business calendar with the 2026 holidays and working-day targets.

export interface Vocabulary {
  categories: string[];
  tiers: string[];
  events: string[];
  kinds: string[];
  flags: string[];
}

export interface BenchTargets {
  /** Minutes per tier, most urgent first; other tiers use the last. */
  contact: number[];
  onsite: number[];
  resolve: number[];
  revisit: number;
  complaintContact: number;
}

export const BENCH_TARGETS: BenchTargets = {
  contact: [15, 30, 60],
  onsite: [120, 240, 1440],
  resolve: [240, 1440, 2880],
  revisit: 2880,
  complaintContact: 120,
};

function members(names: string[]): string {
  return names.map((n) => `  ${n}`).join('\n');
}

function table(minutes: number[], tiers: string[]): string {
  return tiers.map((t, i) => `    */${t}: ${minutes[Math.min(i, minutes.length - 1)]}m`).join('\n');
}

export function benchPolicy(v: Vocabulary, business: boolean): string {
  const calendar = business ? '  calendar office\n' : '';
  return `group ${business ? 'bench-business' : 'bench-24x7'} "基准策略"
${business ? 'use cn-holidays-2026\n' : ''}zone "Asia/Shanghai"
${business ? 'calendar office "办公时间" {\n  include cn-holidays-2026\n  mon-fri 08:30-12:00, 13:30-17:30\n}\n' : ''}
categories {
${members(v.categories)}
}
tiers {
${members(v.tiers)}
}
events {
${members(v.events)}
}
flags {
${members(v.flags)}
}
attribute kind {
${members(v.kinds)}
}
roles { supervisor, quality_head }

clock contact {
  start accepted
  stop contacted
${calendar}  target {
${table(BENCH_TARGETS.contact, v.tiers)}
  }
}
clock onsite {
  start accepted
  stop arrived
${calendar}  target {
${table(BENCH_TARGETS.onsite, v.tiers)}
  }
}
clock resolve {
  start received
  stop resolved
${calendar}  target {
${table(BENCH_TARGETS.resolve, v.tiers)}
  }
}
clock revisit {
  start resolved
  stop revisited
${calendar}  target ${business ? '2 workdays' : `${BENCH_TARGETS.revisit}m`}
}
clock complaint_contact {
  start received
  stop contacted
  when kind = complaint
${calendar}  target ${BENCH_TARGETS.complaintContact}m
}

warning blue {
  when overdue(resolve) >= 3d or repeatCount >= 1
  notify supervisor
  plan within 1d
}
warning yellow {
  when overdue(resolve) >= 7d
  notify supervisor, quality_head
  plan within 1d
}
warning red {
  when overdue(resolve) >= 15d or flags has media_risk
  notify quality_head
  plan within 1d
}
penalties {
  blue 0.2 points
  yellow 0.5 points
  red 1 point
}
`;
}
