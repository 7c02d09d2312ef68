// Whether vocabularyOk (words-ok.ts) gives one answer under two policies for every ticket,
// so that a simulation checks each ticket once for both. That holds only when every part
// of a policy the check reads is the same: the words, the pause reasons and the events
// that take one (E330), the names of carried deadlines (E320), and which events start and
// which only stop each clock (E209: a draft that starts a clock on another event refuses
// histories the current policy reads).
import type { CompiledPolicy } from '../compile/types.js';
import { ROLE_START, ROLE_STOP } from '../compile/event-ids.js';

const NONE: ReadonlySet<string> = new Set();

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Each clock as the history check sees it: the events that start it, those that stop it without starting it. */
function clockRoles(policy: CompiledPolicy): Set<string> {
  const keys = new Set<string>();
  for (const clock of policy.clocks) {
    const starts: number[] = [];
    const stopsOnly: number[] = [];
    clock.roles.forEach((role, id) => {
      if (role & ROLE_START) starts.push(id);
      else if (role & ROLE_STOP) stopsOnly.push(id);
    });
    keys.add(`${starts.join(',')}/${stopsOnly.join(',')}`);
  }
  return keys;
}

export function judgedAlike(a: CompiledPolicy, b: CompiledPolicy): boolean {
  return (
    sameSet(new Set(a.categories), new Set(b.categories)) &&
    sameSet(new Set(a.tiers), new Set(b.tiers)) &&
    sameSet(a.events, b.events) &&
    sameSet(a.flags, b.flags) &&
    sameSet(a.deadlines, b.deadlines) &&
    // No `pause reasons` refuses every reason, as an empty list would.
    sameSet(a.pauseReasons ?? NONE, b.pauseReasons ?? NONE) &&
    sameSet(a.pauseEvents ?? NONE, b.pauseEvents ?? NONE) &&
    a.attributes.size === b.attributes.size &&
    [...a.attributes].every(([name, members]) => {
      const other = b.attributes.get(name);
      return other !== undefined && sameSet(members, other);
    }) &&
    sameSet(clockRoles(a), clockRoles(b))
  );
}
