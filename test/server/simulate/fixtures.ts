// A month of jinxiu-garden tickets for the simulation tests, and the engine's own answer
// over them: the oracle the route's store-streamed run must equal.
import { checkSources, compile, simulate, type CompiledPolicy, type SimulationReport, type SourceFile, type Ticket } from '../../../engine/index.js';

export const PROPERTY = 'jinxiu-garden';
export const PERIOD = '2026-03';
export const AT = '2026-03-31T12:00:00+08:00';
const MINUTE = 60_000;
const START = Date.parse('2026-03-01T00:00:00+08:00');
const PRIORITIES = ['urgent', 'general', 'important'] as const;

const local = (ms: number): string => new Date(ms + 8 * 60 * MINUTE).toISOString().replace(/\.\d{3}Z$/, '+08:00');

/**
 * `n` tickets 30 minutes apart from March 1st: contacted 2 to 16 minutes after being
 * accepted (so a tighter contact target breaches some repairs), every 10th never resolved (so
 * a tighter resolve target raises warnings), every 5th reporting the same lift fault from
 * its own household (so share() reaches 5% of the 1,860 households part-way through the
 * month: the context must be built in creation order). The never-resolved ones and the lift
 * reports are complaints made on the group platform, the only tickets 004《集团客服信息平台
 * 物业服务类信息管理办法》第十一条's warnings reach; the rest are phone repairs.
 */
export function monthOfTickets(n: number): Ticket[] {
  return Array.from({ length: n }, (_, i) => {
    const created = START + i * 30 * MINUTE;
    const complaint = i % 10 === 9 || i % 5 === 0;
    const accepted = created + 2 * MINUTE;
    const events = [
      { type: 'received', at: local(created) },
      { type: 'accepted', at: local(accepted) },
      { type: 'contacted', at: local(accepted + (2 + (i % 15)) * MINUTE) },
      ...(i % 10 === 9 ? [] : [{ type: 'resolved', at: local(accepted + 60 * MINUTE) }]),
    ];
    const ticket: Ticket = {
      id: `SIM-${String(i).padStart(5, '0')}`,
      property: PROPERTY,
      unit: `${PROPERTY}/engineering`,
      category: 'engineering',
      priority: PRIORITIES[i % 3] as string,
      kind: complaint ? 'complaint' : 'repair',
      channel: complaint ? 'platform' : 'phone',
      createdAt: local(created),
      events,
    };
    if (i % 5 === 0) Object.assign(ticket, { issueKey: 'lift-3-stuck', household: `3-${i}` });
    return ticket;
  });
}

/**
 * Two urgent platform complaints left open, with no reported completion time: under the shipped
 * policy 004's ladder has no due time for them (no rule book gives urgent complaints one); the
 * tighter draft's 1 h fallback makes platform_resolve 3d1h overdue at AT: blue (004 第十一条(一))
 * only under the draft.
 */
export function nearThreshold(): Ticket[] {
  return ['SIM-EDGE-1', 'SIM-EDGE-2'].map((id, i) => ({
    id,
    property: PROPERTY,
    unit: `${PROPERTY}/engineering`,
    category: 'engineering',
    priority: 'urgent',
    kind: 'complaint',
    channel: 'platform',
    createdAt: `2026-03-28T10:0${i}:00+08:00`,
    events: [{ type: 'received', at: `2026-03-28T10:0${i}:00+08:00` }],
  }));
}

/** Creation order as the store keeps it. */
export const inCreationOrder = (tickets: readonly Ticket[]): Ticket[] => [...tickets].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));

/** The property's policy compiled from these sources, independently of the server's code. */
export function compiled(sources: readonly SourceFile[]): CompiledPolicy {
  const policy = checkSources(sources).policies.get(PROPERTY);
  const result = policy && compile(policy);
  if (!result?.value) throw new Error('the test policy does not compile');
  return result.value;
}

export function engineReport(from: CompiledPolicy, to: CompiledPolicy, tickets: readonly Ticket[], examples?: number): Promise<SimulationReport> {
  // The store's record of jinxiu-garden (policies/organisations.json), as the service passes it.
  const propertyHouseholds = (id: string): number | null => (id === 'jinxiu-garden' ? 1860 : null);
  return simulate(from, to, inCreationOrder(tickets), AT, { propertyHouseholds, ...(examples === undefined ? {} : { examples }) });
}
