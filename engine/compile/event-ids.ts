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

export const ROLE_START = 1;
export const ROLE_STOP = 2;
export const ROLE_PAUSE = 4;
export const ROLE_RESUME = 8;
export const ROLE_RESTART = 16;
export const ROLE_UPDATE = 32;
