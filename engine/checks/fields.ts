// Ticket fields as a policy sees them: the built-in contract plus the
// attributes the policy declares (kind, channel, severity, ...).
import { TICKET_FIELDS, type ValueType } from '../builtins.js';
import type { EffectivePolicy, From } from '../effective.js';
import type { Member } from '../../grammar/index.js';

export function fieldType(policy: EffectivePolicy, name: string): ValueType | undefined {
  if (policy.attributes.has(name)) return `enum:${name}`;
  return TICKET_FIELDS[name];
}

export function fieldNames(policy: EffectivePolicy): string[] {
  return [...Object.keys(TICKET_FIELDS), ...policy.attributes.keys()];
}

/** The allowed values of an enumerated type, or undefined for other types. */
export function membersOf(policy: EffectivePolicy, type: ValueType): ReadonlyMap<string, From<Member>> | undefined {
  if (type === 'flags') return policy.enums.flags;
  if (type === 'enum:categories') return policy.enums.categories;
  if (type === 'enum:tiers') return policy.enums.tiers;
  if (type.startsWith('enum:')) return policy.attributes.get(type.slice(5))?.members;
  return undefined;
}

/** How to name one value of an enumerated type in a message: "category", "tier", "kind value". */
export function memberNoun(type: ValueType): string {
  if (type === 'flags') return 'flag';
  if (type === 'enum:categories') return 'category';
  if (type === 'enum:tiers') return 'tier';
  return `${type.slice(5)} value`;
}
