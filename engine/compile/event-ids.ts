// Event types as small integers, shared by every compiled policy, so a ticket
// read once can be matched against the clocks of several policies by array
// lookups instead of string sets.
const ids = new Map<string, number>();

export function eventId(type: string): number {
  let id = ids.get(type);
  if (id === undefined) {
    id = ids.size;
    ids.set(type, id);
  }
  return id;
}

/**
 * The id of a type some policy has declared, or -1: for reading input before it is
 * checked, so that a stream of made-up event types cannot grow the table.
 */
export function knownEventId(type: string): number {
  return ids.get(type) ?? -1;
}

export const ROLE_START = 1;
export const ROLE_STOP = 2;
export const ROLE_PAUSE = 4;
export const ROLE_RESUME = 8;
export const ROLE_RESTART = 16;
export const ROLE_UPDATE = 32;
