// A seeded, realistic history of property-service tickets (物业报事) for benchmarks, tests
// and the UI. Pure and deterministic: no fs, no system clock, no Math.random; the same
// options give the same tickets, yielded one at a time in createdAt order.
// Every name (categories, tiers, events, members of kind/channel/severity/matter, flags) is
// one that policies/group.sla declares; test/bench/generate-tickets.test.ts checks them
// against the parsed policy. Times are Asia/Shanghai: +08:00, no daylight saving.
import type { Ticket, TicketEvent } from '../../engine/ticket.js';

export type PropertyType = 'residential' | 'office' | 'apartment';

export interface IssueTemplate {
  /** `{b}` becomes the reporter's building, `{f}` its floor: `bldg{b}-elevator`. */
  key: string;
  category: string;
  kind: string;
  tier: string;
  matter?: string;
  /** Relative chance that an everyday report names this issue. */
  weight: number;
  /** May flare up: many households report it within a few days. */
  outbreak?: boolean;
}

export interface PropertyProfile {
  id: string;
  name: string;
  type: PropertyType;
  /** As the property policy's `households` param (tenant companies in an office tower). */
  households: number;
  /** Rooms: households are spread evenly over buildings × floors × perFloor. */
  layout: { buildings: number; floors: number; perFloor: number };
  /** Relative share of all tickets. */
  weight: number;
  /** Responsible unit (charged with penalties) for each category. */
  units: Record<string, string>;
  issues: IssueTemplate[];
  outbreaksPerMonth: number;
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** First day: `2026-01-01` (its midnight at +08:00), or an instant whose local date is used. */
  from: string;
  months: number;
  properties?: PropertyProfile[];
}

// ── Defaults ─────────────────────────────────────────────────────────────────

const unitsOf = (id: string): Record<string, string> => ({
  customer_service: `${id}/customer-service`, engineering: `${id}/engineering`, order: `${id}/security`,
  cleaning: `${id}/cleaning`, landscaping: `${id}/landscaping`, other: `${id}/customer-service`,
});
const issue = (key: string, category: string, kind: string, tier: string, weight: number, outbreak = false, matter?: string): IssueTemplate =>
  matter ? { key, category, kind, tier, weight, outbreak, matter } : { key, category, kind, tier, weight, outbreak };

const ESTATE_ISSUES: IssueTemplate[] = [
  issue('bldg{b}-elevator', 'engineering', 'repair', 'important', 6, true),
  issue('bldg{b}-elevator-entrapment', 'engineering', 'repair', 'urgent', 0.4, false, 'elevator_entrapment'),
  issue('bldg{b}-water-pressure', 'engineering', 'repair', 'general', 3, true),
  issue('bldg{b}-window-seepage', 'engineering', 'repair', 'general', 2),
  issue('b2-water-leak', 'engineering', 'repair', 'important', 2, true),
  issue('estate-water-outage', 'engineering', 'repair', 'urgent', 0.5, true, 'water_outage'),
  issue('estate-power-outage', 'engineering', 'repair', 'urgent', 0.4, true, 'power_outage'),
  issue('garage-barrier-gate', 'order', 'repair', 'general', 2, true),
  issue('north-gate-access', 'order', 'complaint', 'general', 2, true),
  issue('parking-disorder', 'order', 'complaint', 'general', 3),
  issue('square-dance-noise', 'order', 'complaint', 'important', 2, true, 'noise'),
  issue('construction-noise-east', 'order', 'complaint', 'important', 1.5, true, 'noise'),
  issue('rubbish-collection-late', 'cleaning', 'complaint', 'general', 3, true),
  issue('bldg{b}-corridor-cleaning', 'cleaning', 'complaint', 'general', 2),
  issue('pet-waste-lawn', 'cleaning', 'complaint', 'general', 1.5),
  issue('central-garden-mosquitoes', 'landscaping', 'complaint', 'general', 1.5, true),
  issue('east-lawn-sprinkler', 'landscaping', 'repair', 'general', 1),
  issue('south-dead-trees', 'landscaping', 'suggestion', 'general', 0.8),
  issue('fee-notice-error', 'customer_service', 'complaint', 'general', 1, true, 'fee'),
  issue('property-fee-2026', 'customer_service', 'inquiry', 'general', 3, false, 'fee'),
  issue('express-lockers', 'other', 'complaint', 'general', 1),
  issue('playground-repair', 'other', 'repair', 'general', 1),
];

const TOWER_ISSUES: IssueTemplate[] = [
  issue('air-conditioning-{f}F', 'engineering', 'repair', 'general', 6, true),
  issue('elevator-high-zone', 'engineering', 'repair', 'important', 2, true),
  issue('elevator-entrapment', 'engineering', 'repair', 'urgent', 0.4, false, 'elevator_entrapment'),
  issue('restroom-{f}F-leak', 'engineering', 'repair', 'general', 2),
  issue('power-outage-{f}F', 'engineering', 'repair', 'urgent', 0.5, true, 'power_outage'),
  issue('lobby-access-gate', 'order', 'repair', 'general', 2, true),
  issue('b2-parking-congestion', 'order', 'complaint', 'general', 2, true),
  issue('renovation-noise-{f}F', 'order', 'complaint', 'important', 1.5, false, 'noise'),
  issue('restroom-{f}F-cleaning', 'cleaning', 'complaint', 'general', 3),
  issue('lobby-plants', 'landscaping', 'suggestion', 'general', 0.4),
  issue('parking-fee-b2', 'customer_service', 'inquiry', 'general', 2, false, 'fee'),
  issue('delivery-access', 'other', 'complaint', 'general', 1),
];

const profile = (id: string, name: string, type: PropertyType, households: number, layout: PropertyProfile['layout'], weight: number, outbreaksPerMonth: number): PropertyProfile =>
  ({ id, name, type, households, layout, weight, units: unitsOf(id), issues: type === 'office' ? TOWER_ISSUES : ESTATE_ISSUES, outbreaksPerMonth });

/** The shipped properties (households as in their policies) and two invented ones. */
export const DEFAULT_PROPERTIES: PropertyProfile[] = [
  profile('jinxiu-garden', '锦绣花园', 'residential', 1860, { buildings: 15, floors: 31, perFloor: 4 }, 0.42, 3),
  profile('sunrise-garden', '旭日花园', 'residential', 1240, { buildings: 10, floors: 31, perFloor: 4 }, 0.28, 2.5),
  profile('xinghe-tower', '星河中心大厦', 'office', 40, { buildings: 1, floors: 30, perFloor: 10 }, 0.15, 2),
  profile('haitang-apartments', '海棠公寓', 'apartment', 640, { buildings: 2, floors: 20, perFloor: 16 }, 0.15, 1.5),
];

// ── Seeded randomness ────────────────────────────────────────────────────────

type Table<T> = { values: T[]; cum: number[] };
const table = <T>(entries: [T, number][]): Table<T> => {
  let sum = 0;
  const cum = entries.map(([, w]) => (sum += w));
  return { values: entries.map(([v]) => v), cum: cum.map((c) => c / sum) };
};

/** mulberry32 with helpers; the only source of randomness. */
class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  range(a: number, b: number): number { return a + (b - a) * this.next(); }
  chance(p: number): boolean { return this.next() < p; }
  /** Log-normal around a median: most values near it, a long tail above. */
  logn(median: number, sigma = 0.6): number {
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next()));
  }
  pick<T>(t: Table<T>): T {
    const u = this.next();
    let i = 0;
    while (i < t.cum.length - 1 && (t.cum[i] as number) <= u) i++;
    return t.values[i] as T;
  }
}

// ── Local time and the 2026 holiday table ────────────────────────────────────

const MIN = 60_000, HOUR = 60 * MIN, DAY = 24 * HOUR, TZ = 8 * HOUR;
const localDay = (t: number): number => Math.floor((t + TZ) / DAY);
const dayStart = (day: number): number => day * DAY - TZ;
const dayOf = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;

// As policies/calendars/cn-holidays-2026.sla (国务院办公厅 2025-11-04); other years: weekends only.
const HOLIDAYS = new Map<number, number>(); // day → how busy residents keep the desk (1 = ordinary)
for (const [a, b, busy] of [['2026-01-01', '2026-01-03', 0.8], ['2026-02-15', '2026-02-23', 0.5], ['2026-04-04', '2026-04-06', 0.8],
  ['2026-05-01', '2026-05-05', 0.75], ['2026-06-19', '2026-06-21', 0.8], ['2026-09-25', '2026-09-27', 0.8], ['2026-10-01', '2026-10-07', 0.7]] as const)
  for (let d = dayOf(a); d <= dayOf(b); d++) HOLIDAYS.set(d, busy);
const MAKEUP_DAYS = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'].map(dayOf));
const weekday = (day: number): number => (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
const isWorkday = (day: number): boolean => MAKEUP_DAYS.has(day) || (!HOLIDAYS.has(day) && weekday(day) % 6 !== 0);

/** Service hours, minutes of the local day; `workdays` skips weekends and holidays. */
interface Hours { from: number; to: number; workdays: boolean }
const hours = (from: number, to: number, workdays = false): Hours => ({ from: from * 60, to: to * 60, workdays });

/** The first instant at or after t inside the hours. */
function openAt(t: number, h: Hours): number {
  let day = localDay(t);
  const m = (t - dayStart(day)) / MIN;
  const ok = (d: number): boolean => !h.workdays || isWorkday(d);
  if (ok(day) && m >= h.from && m < h.to) return t;
  if (!(ok(day) && m < h.from)) do day++; while (!ok(day));
  return dayStart(day) + h.from * MIN;
}

const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dates = new Map<number, string>();
function iso(t: number): string {
  const local = t + TZ, day = Math.floor(local / DAY);
  let date = dates.get(day);
  if (date === undefined) dates.set(day, (date = new Date(day * DAY).toISOString().slice(0, 10)));
  const s = Math.floor((local - day * DAY) / 1000);
  return `${date}T${P2[(s / 3600) | 0]}:${P2[((s / 60) | 0) % 60]}:${P2[s % 60]}+08:00`;
}

/** The sampled period, local midnights: tickets are created in [start, end) and no event is after end. */
export function sampleWindow(options: Pick<GenerateOptions, 'from' | 'months'>): { start: string; end: string; startMs: number; endMs: number } {
  const first = /^\d{4}-\d{2}-\d{2}$/.test(options.from) ? dayOf(options.from) : localDay(Date.parse(options.from));
  if (!Number.isFinite(first)) throw new RangeError(`from must be an ISO date, got ${options.from}`);
  const d = new Date(first * DAY);
  const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + options.months, d.getUTCDate()) / DAY;
  const startMs = dayStart(first), endMs = dayStart(last);
  return { start: iso(startMs), end: iso(endMs), startMs, endMs };
}

// ── Rhythms and mixes ────────────────────────────────────────────────────────

const HOURLY: Record<PropertyType, number[]> = {
  residential: [2, 1, 0.6, 0.5, 0.5, 1, 3, 7, 11, 13, 12, 10, 7, 8, 10, 10, 9, 8, 9, 11, 10, 7, 5, 3],
  office: [0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.8, 3, 10, 16, 15, 11, 6, 10, 14, 13, 10, 6, 3, 2, 1.5, 1, 0.8, 0.6],
  apartment: [3, 2, 1, 0.6, 0.5, 0.8, 2, 6, 9, 10, 10, 9, 7, 7, 8, 8, 8, 9, 11, 13, 12, 10, 7, 5],
};
const SEASON = [0.9, 0.8, 0.9, 1, 1, 1.15, 1.25, 1.25, 1.1, 1, 0.95, 0.95]; // leaks, air-conditioning and mosquitoes in summer

function dayWeight(type: PropertyType, day: number): number {
  const month = new Date(day * DAY).getUTCMonth(), wd = weekday(day), season = SEASON[month] as number;
  if (type === 'office') return season * (HOLIDAYS.has(day) ? 0.08 : isWorkday(day) ? (wd === 1 ? 1.15 : 1) : 0.15);
  const holiday = HOLIDAYS.get(day);
  return season * (holiday ?? (MAKEUP_DAYS.has(day) ? 0.95 : wd === 6 ? 0.85 : wd === 0 ? 0.8 : 1));
}

const KINDS = {
  estate: table([['repair', 52], ['complaint', 22], ['inquiry', 14], ['suggestion', 5], ['application', 7]]),
  office: table([['repair', 58], ['complaint', 18], ['inquiry', 14], ['suggestion', 3], ['application', 7]]),
};
const CATEGORY_BY_KIND: Record<string, Table<string>> = {
  repair: table([['engineering', 80], ['order', 6], ['landscaping', 4], ['cleaning', 2], ['other', 8]]),
  complaint: table([['order', 30], ['cleaning', 22], ['customer_service', 22], ['engineering', 14], ['landscaping', 6], ['other', 6]]),
  inquiry: table([['customer_service', 70], ['engineering', 8], ['order', 7], ['other', 15]]),
  suggestion: table([['customer_service', 30], ['landscaping', 22], ['order', 20], ['cleaning', 15], ['other', 13]]),
  application: table([['customer_service', 55], ['order', 30], ['engineering', 5], ['other', 10]]),
};
const TIER_BY_KIND: Record<string, Table<string>> = {
  repair: table([['urgent', 3], ['important', 20], ['general', 77]]), complaint: table([['urgent', 1], ['important', 28], ['general', 71]]),
  inquiry: table([['important', 3], ['general', 97]]), suggestion: table([['important', 4], ['general', 96]]), application: table([['general', 1]]),
};
const URGENT_MATTERS = new Set(['elevator_entrapment', 'water_outage', 'power_outage', 'pipe_burst']);
const REPAIR_MATTERS = table([['pipe_burst', 2.5], ['power_outage', 1.2], ['water_outage', 1], ['elevator_entrapment', 0.8], ['', 94.5]]);
const CHANNELS = {
  estate: table([['phone', 34], ['wechat', 26], ['app', 14], ['front_desk', 12], ['platform', 5], ['hotline_96310', 4], ['mailbox', 3], ['letter', 1], ['fax', 1]]),
  office: table([['phone', 35], ['app', 25], ['wechat', 15], ['front_desk', 15], ['platform', 5], ['hotline_96310', 2], ['mailbox', 1], ['letter', 1], ['fax', 1]]),
  night: table([['phone', 55], ['wechat', 25], ['app', 20]]),
};

// ── Properties, prepared ─────────────────────────────────────────────────────

interface Prop {
  i: number; profile: PropertyProfile; office: boolean;
  labels: string[]; building: Uint16Array; floor: Uint16Array; issues: Table<IssueTemplate>;
  /** Recent complaints that carried an issue key, for second complaints (二次投诉). */
  recent: { household: number; key: string; category: string; tier: string; matter?: string; repeat: number }[];
  hours: { dispatch: Hours; desk: Hours; important: Hours; general: Hours; revisit: Hours; online: Hours; liaison: Hours };
  resolveHours: Record<string, number>;
}

function prepare(profile: PropertyProfile, i: number): Prop {
  const { buildings, floors, perFloor } = profile.layout, n = profile.households, slots = buildings * floors * perFloor;
  const labels: string[] = [], building = new Uint16Array(n), floor = new Uint16Array(n);
  for (let h = 0; h < n; h++) {
    const slot = Math.floor((h * slots) / n), b = Math.floor(slot / (floors * perFloor)) + 1, rest = slot % (floors * perFloor);
    const f = Math.floor(rest / perFloor) + 1, room = `${f}${String((rest % perFloor) + 1).padStart(2, '0')}`;
    building[h] = b;
    floor[h] = f;
    labels.push(buildings > 1 ? `${b}-${room}` : room);
  }
  const office = profile.type === 'office';
  return {
    i, profile, office, labels, building, floor, issues: table(profile.issues.map((x) => [x, x.weight])), recent: [],
    hours: office
      ? { dispatch: hours(8, 20), desk: hours(8.5, 18, true), important: hours(8, 20), general: hours(8.5, 18), revisit: hours(9, 17.5, true), online: hours(7, 22),
          liaison: hours(8, 20) }
      : { dispatch: hours(7.5, 22), desk: hours(8, 20), important: hours(7, 22), general: hours(8, 20), revisit: hours(9, 20), online: hours(7, 22), liaison: hours(8, 20) },
    resolveHours: office ? { urgent: 2, important: 24, general: 24 } : { urgent: 4, important: 48, general: 24 },
  };
}

const keyFor = (p: Prop, template: string, h: number): string =>
  template.replace('{b}', String(p.building[h])).replace('{f}', String(p.floor[h]));
const coprimeStride = (n: number): number => (n % 7919 === 0 ? 104729 : 7919);

/** Splits total into integers proportional to weights (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (total * w) / sum), out = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0, left = total - out.reduce((a, b) => a + b, 0); k < left; k++) out[order[k % order.length]![1]]! += 1;
  return out;
}

// ── Outbreaks: one issue reported by many households within days ─────────────

interface Outbreak {
  p: Prop; template: IssueTemplate; key: string; start: number; startDay: number;
  reports: number; cum: number[]; scope: number[] | null; fresh: number; repeats: number;
  used: number; freshUsed: number; offset: number; stride: number; petition: number;
}

function planOutbreaks(r: Rng, p: Prop, budget: number, firstDay: number, days: number): Outbreak[] {
  const templates = p.profile.issues.filter((x) => x.outbreak), wide = templates.filter((x) => !/\{[bf]\}/.test(x.key));
  if (templates.length === 0) return [];
  const all = table(templates.map((x) => [x, x.weight])), wideTable = wide.length ? table(wide.map((x) => [x, x.weight])) : null;
  const n = p.profile.households, out: Outbreak[] = [];
  let room = Math.floor(budget * 0.15);
  for (let k = 0, count = Math.round((p.profile.outbreaksPerMonth * days) / 30.44); k < count; k++) {
    const large = k % 4 === 0 && wideTable !== null; // about one in four crosses 5% of the households (红色预警)
    const template = r.pick(large ? wideTable : all), span = 1 + r.int(large ? 5 : 4), anchor = r.int(n);
    const scoped = /\{[bf]\}/.test(template.key), key = keyFor(p, template.key, anchor);
    const scope = scoped ? [...p.labels.keys()].filter((h) => keyFor(p, template.key, h) === key) : null;
    const pool = scope ? scope.length : n, size = r.next();
    let fresh = large ? Math.ceil(n * r.range(0.055, 0.085)) : size < 0.5 ? Math.ceil(pool * (scoped ? r.range(0.1, 0.3) : r.range(0.01, 0.035))) : 2 + r.int(6);
    fresh = Math.max(1, Math.min(fresh, pool));
    let repeats = Math.round(fresh * 0.12) + (size >= 0.5 ? r.int(3) : 0);
    if (fresh + repeats > room) {
      if (room < 3) continue;
      fresh = Math.min(fresh, Math.ceil(room / 1.12));
      repeats = room - fresh;
    }
    room -= fresh + repeats;
    const startDay = r.int(Math.max(1, days - span)), start = dayStart(firstDay + startDay) + r.range(7, 21) * HOUR;
    let sum = 0;
    const cum = Array.from({ length: span }, (_, d) => (sum += 0.55 ** d)).map((c) => c / sum);
    const petition = large && r.chance(0.3) ? 5 + r.int(20) : -1;
    const offset = r.int(pool);
    out.push({ p, template, key, start, startDay, reports: fresh + repeats, cum, scope, fresh, repeats, used: 0, freshUsed: 0, offset, stride: coprimeStride(pool), petition });
  }
  return out;
}

// ── Tickets ──────────────────────────────────────────────────────────────────

interface Draft {
  household: number; category: string; kind: string; tier: string; channel: string; severity: string;
  matter?: string; issueKey?: string; repeatCount?: number; flags: string[];
}

function classify(r: Rng, p: Prop, t: number, d: Omit<Draft, 'channel' | 'severity' | 'flags'>): Draft {
  const hour = Math.floor(((t + TZ) % DAY) / HOUR), night = hour >= 22 || hour < 7;
  let channel = r.pick(night ? CHANNELS.night : p.office ? CHANNELS.office : CHANNELS.estate);
  if (d.kind === 'suggestion' && !night && r.chance(0.3)) channel = 'mailbox';
  const severe = r.chance(d.tier === 'urgent' ? 0.7 : d.tier === 'important' ? 0.35 : 0.05);
  const flags: string[] = [];
  if (d.kind === 'complaint' && r.chance(0.03)) flags.push('not_responsible');
  if (d.kind === 'repair' && d.tier !== 'urgent' && d.category === 'engineering' && r.chance(0.02)) flags.push('multi_day');
  if (d.kind === 'complaint' && r.chance(d.tier === 'general' ? 0.001 : 0.004)) flags.push('media_risk');
  return { ...d, channel, severity: severe ? 'severe' : 'general', flags };
}

function everyday(r: Rng, p: Prop, t: number): Draft {
  const n = p.profile.households, h = ((Math.floor(n * r.next() ** 1.4) * coprimeStride(n)) + p.i * 97) % n; // some households call far more often
  const kind = r.pick(p.office ? KINDS.office : KINDS.estate), recent = p.recent;
  if (kind === 'complaint' && recent.length > 0 && r.chance(0.05)) {
    const first = recent[r.int(recent.length)]!; // a second complaint on the same case (二次投诉)
    first.repeat++;
    const tier = first.tier === 'general' && r.chance(0.5) ? 'important' : first.tier;
    const matter = first.matter ? { matter: first.matter } : {};
    return classify(r, p, t, { household: first.household, kind, category: first.category, tier, issueKey: first.key, repeatCount: first.repeat, ...matter });
  }
  if (r.chance(p.office ? 0.5 : 0.4)) {
    const x = r.pick(p.issues), issueKey = keyFor(p, x.key, h);
    const d = classify(r, p, t, { household: h, kind: x.kind, category: x.category, tier: x.tier, issueKey, ...(x.matter ? { matter: x.matter } : {}) });
    if (d.kind === 'complaint') {
      const entry = { household: h, key: issueKey, category: d.category, tier: d.tier, repeat: 0, ...(d.matter ? { matter: d.matter } : {}) };
      if (recent.length < 64) recent.push(entry); else recent[r.int(64)] = entry;
    }
    return d;
  }
  const category = r.pick(CATEGORY_BY_KIND[kind]!);
  let matter = '';
  if (kind === 'repair' && category === 'engineering') matter = r.pick(REPAIR_MATTERS);
  else if (kind === 'complaint' && category === 'order') matter = r.chance(0.3) ? 'noise' : !p.office && r.chance(0.14) ? 'neighbour_dispute' : '';
  else if (category === 'customer_service' && (kind === 'inquiry' || kind === 'complaint')) matter = r.chance(kind === 'inquiry' ? 0.55 : 0.25) ? 'fee' : '';
  const tier = URGENT_MATTERS.has(matter) ? 'urgent'
    : (matter === 'noise' || matter === 'neighbour_dispute') && r.chance(0.7) ? 'important'
    : matter === 'fee' ? 'general' : r.pick(TIER_BY_KIND[kind]!);
  return classify(r, p, t, { household: h, kind, category, tier, ...(matter ? { matter } : {}) });
}

function fromOutbreak(r: Rng, o: Outbreak, t: number): Draft {
  const pool = o.scope ? o.scope.length : o.p.profile.households, k = o.used++;
  const repeat = o.repeats > 0 && o.freshUsed > 2 && (o.fresh === 0 || r.chance(o.repeats / (o.repeats + o.fresh)));
  const j = repeat ? r.int(o.freshUsed) : o.freshUsed++; // a repeat call comes from a household that called before
  if (repeat) o.repeats--; else o.fresh--;
  const slot = (o.offset + j * o.stride) % pool, h = o.scope ? o.scope[slot]! : slot;
  const kind = k > 3 && o.template.kind !== 'complaint' && r.chance(0.25) ? 'complaint' : o.template.kind; // "still not fixed"
  const matter = o.template.matter ? { matter: o.template.matter } : {};
  const d = classify(r, o.p, t, { household: h, kind, category: o.template.category, tier: o.template.tier, issueKey: o.key, ...matter });
  if (k === o.petition) d.flags.push('group_petition');
  return d;
}

/** The timeline of one ticket as [type, time] pairs in order, cut at `end`. */
function timeline(r: Rng, p: Prop, d: Draft, t0: number, end: number): { events: [string, number][]; appointmentAt?: number } {
  const ev: [string, number][] = [['received', t0]], H = p.hours;
  const urgent = d.tier === 'urgent', important = d.tier === 'important', field = urgent ? null : important ? H.important : H.general;
  const mode = r.next(), stalled = mode >= 0.95; // 80% on time, 15% slow on a stage or two, 5% stalled for days or weeks
  let slow = mode >= 0.8 && !stalled ? 1 << r.int(8) : 0;
  if (slow && r.chance(0.4)) slow |= 1 << r.int(8);
  const staff = (t: number, h: Hours | null): number => { if (!h) return t; const o = openAt(t, h); return o === t ? t : o + r.next() * 45 * MIN; };
  const step = (t: number, median: number, stage: number, h: Hours | null): number =>
    staff(t + r.logn(median) * ((slow >> stage) & 1 ? r.range(2.5, 8) : 1) * MIN, h);
  const at = (type: string, t: number): number => (ev.push([type, t]), t);
  const { kind } = d, outage = d.matter === 'water_outage' || d.matter === 'power_outage';
  let t = t0, appointmentAt: number | undefined;

  if (d.channel === 'platform' && kind === 'complaint') at('workflow_started', step(t0, 4, 0, H.liaison));
  if (kind !== 'inquiry' || r.chance(0.3)) {
    const dispatch = d.channel === 'hotline_96310' ? 1.5 : urgent ? 4 : important ? 10 : 18;
    t = at('dispatched', step(t, dispatch, 0, urgent || important ? null : H.dispatch));
    const confirmed = at('confirmed', step(t, 8, 1, urgent ? null : H.desk));
    if (d.flags.includes('not_responsible')) at('statement_filed', step(t, 20 * 60, 4, H.desk));
    if (confirmed - t < HOUR) t = confirmed; // the department reviews, then a technician takes the job; out of hours they go ahead
    t = at('accepted', step(t, urgent ? 3 : important ? 6 : 10, 2, field));
    if (kind !== 'suggestion') t = at('contacted', step(t, urgent ? 3 : kind === 'complaint' ? 30 : p.office ? 6 : 9, 3, field));
  }
  if (d.matter === 'elevator_entrapment') at('contractor_arrived', t0 + r.logn(17, 0.4) * ((slow >> 5) & 1 ? 2.5 : 1) * MIN);
  if (d.matter === 'noise') at('test_results_reported', step(t0, 40 * 60, 4, field));
  if (d.matter === 'neighbour_dispute') at('meeting_held', step(t0, 14 * 60, 4, field));
  if (kind === 'suggestion') at('plan_reported', step(t, 45, 4, H.desk)); // the desk notes what it will look into
  if (kind === 'inquiry' || kind === 'suggestion' || kind === 'complaint') {
    const online = d.channel === 'app' || d.channel === 'wechat' ? H.online : d.channel === 'phone' ? null : H.desk;
    const median = kind === 'inquiry' ? 15 : kind === 'suggestion' ? 6 * 60 : urgent ? 10 : 40;
    t = at('replied', step(t, median, 4, kind === 'inquiry' ? online : kind === 'complaint' ? field : H.desk));
  }
  if (kind === 'inquiry') t = at('plan_reported', t + r.range(1, 3) * MIN);
  else if (kind !== 'suggestion') t = at('plan_reported', step(t, urgent ? 8 : kind === 'complaint' && d.severity === 'severe' ? 120 : 30, 4, field));
  if (kind === 'repair' || (kind === 'complaint' && r.chance(0.4))) {
    if (kind === 'repair' && !urgent && r.chance(important ? 0.25 : 0.85)) {
      const ta = at('appointment', t + r.range(1, 4) * MIN);
      let s = ta + (important ? r.range(40, 100) : r.range(60, 240)) * MIN;
      if (!important && !p.office && r.chance(0.25)) { // the next evening suits the resident better
        s = Math.max(s, dayStart(localDay(s - 19.5 * HOUR) + 1) + (18 * 60 + 30 * r.int(4)) * MIN);
      }
      s = openAt(s, field!);
      s = openAt(Math.ceil((s + TZ) / (30 * MIN)) * 30 * MIN - TZ, field!);
      appointmentAt = s;
      const early = p.office ? 10 : 5;
      const ahead = (slow >> 5) & 1 ? -r.range(0, 90) : r.chance(0.8) ? r.range(early + 1, early + 20) : r.range(-20, early);
      t = s - ahead * MIN;
    } else t = step(t, urgent ? 15 : important ? 40 : 90, 5, field);
    t = at('arrived', t);
  }
  if (kind !== 'inquiry' && !urgent && r.chance(0.06)) { // waiting for parts, or the resident is away
    at('paused', t + r.range(10, 40) * MIN);
    t = at('resumed', staff(t + r.logn(600, 0.9) * MIN, field));
  }
  let resolved: number;
  if (d.flags.includes('multi_day')) {
    const span = 2 + r.int(3), first = localDay(t);
    for (let k = 0; k < span; k++) { // each day before 17:00; a slow one forgets a day
      if (!((slow >> 6) & 1 && k === 1)) at('progress_reported', Math.max(t + MIN, dayStart(first + k) + r.range(15 * 60, 16 * 60 + 55) * MIN));
    }
    resolved = dayStart(first + span) + r.range(9, 16) * HOUR;
  } else {
    const target = (p.resolveHours[d.tier] ?? 24) * 60; // work takes a share of the time the property allows
    if (kind === 'inquiry' || kind === 'suggestion') resolved = t + r.range(1, 10) * MIN;
    else resolved = step(t, urgent ? target * 0.3 : kind === 'complaint' ? Math.min(target * 0.25, important ? 600 : 180) : important ? 150 : 50, 6, field);
  }
  if (stalled && !outage) {
    const u = r.next(), overdue = u < 0.35 ? r.range(0.2, 3) : u < 0.7 ? r.range(3, 7) : u < 0.88 ? r.range(7, 15) : r.range(15, 45);
    resolved = Math.max(resolved, staff(t0 + ((p.resolveHours[d.tier] ?? 24) * HOUR) + overdue * DAY, field));
  }
  if (outage) { // hourly until restored; a slow one lets an hour slip
    for (let x = t0 + r.logn(50, 0.15) * MIN, k = 0; x < resolved && k < 48; x += r.logn((slow >> 6) & 1 ? 70 : 52, 0.15) * MIN, k++) at('progress_reported', x);
  }
  t = at('resolved', resolved);
  const finish = (from: number): void => {
    if (kind === 'repair' && r.chance(0.8)) from = at('inspected', from + r.range(2, 20) * MIN);
    const late = (slow >> 7) & 1 || r.chance(0.05) ? r.range(4, 10) : 1;
    if (r.chance(0.985)) from = at('revisited', staff(from + r.logn(18 * 60, 0.7) * late * MIN, H.revisit));
    at('closed', from + r.logn(40) * MIN);
  };
  if ((kind === 'repair' || kind === 'complaint') && r.chance(0.035)) { // the resident is not satisfied (不满意…立即进行整改)
    let back = t + r.logn(6 * 60) * MIN;
    if (r.chance(0.5)) back = at('revisited', staff(t + r.logn(18 * 60, 0.7) * MIN, H.revisit)) + r.range(5, 60) * MIN;
    at('reopened', back);
    t = at('arrived', step(back, 120, 5, field));
    t = at('resolved', step(t, 60, 6, field));
  }
  finish(t);

  ev.sort((a, b) => a[1] - b[1]);
  let keep = ev.length;
  if (stalled && !outage && r.chance(0.2)) keep = 1 + r.int(ev.findIndex((e) => e[0] === 'resolved')); // abandoned mid-way
  while (keep > 0 && ev[keep - 1]![1] >= end) keep--;
  ev.length = keep;
  const kept = appointmentAt !== undefined && ev.some((e) => e[0] === 'appointment');
  return kept ? { events: ev, appointmentAt } : { events: ev };
}

function toTicket(id: number, p: Prop, d: Draft, t0: number, end: number, r: Rng): Ticket {
  const { events, appointmentAt } = timeline(r, p, d, t0, end);
  const ticket: Record<string, unknown> = {
    id: `T-${String(id).padStart(6, '0')}`, property: p.profile.id, unit: p.profile.units[d.category] ?? `${p.profile.id}/customer-service`,
    category: d.category, priority: d.tier, createdAt: iso(t0), kind: d.kind, channel: d.channel, severity: d.severity,
  };
  if (d.matter) ticket.matter = d.matter;
  ticket.household = p.labels[d.household];
  if (d.issueKey) ticket.issueKey = d.issueKey;
  if (d.repeatCount) ticket.repeatCount = d.repeatCount;
  if (d.flags.length) ticket.flags = d.flags;
  if (appointmentAt !== undefined) ticket.appointmentAt = iso(appointmentAt);
  ticket.events = events.map(([type, at]): TicketEvent => ({ type, at: iso(at) }));
  return ticket as Ticket;
}

/** Yields `count` tickets created over `months` from `from`, in createdAt order, deterministically for `seed`. */
export function* generateTickets(options: GenerateOptions): Generator<Ticket> {
  const { startMs, endMs } = sampleWindow(options), firstDay = localDay(startMs), days = localDay(endMs) - firstDay;
  const count = Math.max(0, Math.floor(options.count));
  const r = new Rng(options.seed), props = (options.properties ?? DEFAULT_PROPERTIES).filter((p) => p.households >= 1).map(prepare);
  if (count === 0 || days <= 0 || props.length === 0) return;
  const budgets = apportion(count, props.map((p) => p.profile.weight));
  const outbreaks = props.flatMap((p) => planOutbreaks(r, p, budgets[p.i]!, firstDay, days));
  const everydayCum = props.map((p) => {
    let sum = 0;
    const cum = Array.from({ length: days }, (_, d) => (sum += dayWeight(p.profile.type, firstDay + d)));
    const total = budgets[p.i]! - outbreaks.filter((o) => o.p === p).reduce((a, o) => a + o.reports, 0);
    return cum.map((c) => Math.round((total * c) / sum));
  });
  const hourly = Object.fromEntries(Object.entries(HOURLY).map(([k, w]) => [k, table(w.map((x, h) => [h, x]))])) as Record<PropertyType, Table<number>>;
  const inDay = (p: Prop, day: number): number => dayStart(day) + (r.pick(hourly[p.profile.type]) + r.next()) * HOUR;
  let id = 0;
  for (let d = 0; d < days; d++) {
    const arrivals: { t: number; p: Prop; o: Outbreak | null }[] = [];
    for (const p of props) for (let k = (everydayCum[p.i]![d] ?? 0) - (everydayCum[p.i]![d - 1] ?? 0); k > 0; k--) arrivals.push({ t: inDay(p, firstDay + d), p, o: null });
    for (const o of outbreaks) {
      const k = d - o.startDay;
      if (k < 0 || k >= o.cum.length) continue;
      const n = Math.round(o.reports * o.cum[k]!) - Math.round(o.reports * (o.cum[k - 1] ?? 0)), dayEnd = dayStart(firstDay + d + 1);
      for (let j = 0; j < n; j++) arrivals.push({ t: k === 0 ? o.start + (dayEnd - o.start) * r.next() ** 1.8 : inDay(o.p, firstDay + d), p: o.p, o });
    }
    arrivals.sort((a, b) => a.t - b.t);
    for (const a of arrivals) yield toTicket(++id, a.p, a.o ? fromOutbreak(r, a.o, a.t) : everyday(r, a.p, a.t), a.t, endMs, r);
  }
}
