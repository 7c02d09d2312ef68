// Which units a ticket may charge. Penalties land on the ticket's `unit`, so a ticket of
// one property must not name another property's unit: it would cost that unit points it
// does not owe, and let the ticket's writer read that unit's scores. A property's units
// are those registered under it (PUT /v1/properties/{id}/units); a property with none
// registered (as after the first-start import of policies/) has the units named under
// it, `<property>/…`, the convention the units of the sample and the docs follow.
import { FOREIGN_UNIT } from './errors.js';
import type { ErrorItem } from './schemas/index.js';

/** At most this many known units are named in a refusal. */
const NAMED = 20;

/** Why `unit` may not be charged by a ticket of `property` (whose registered units are `units`), as errors at `${base}/unit`; none when it may. */
export function unitMistakes(property: string, units: readonly string[], unit: unknown, base = ''): ErrorItem[] {
  if (typeof unit !== 'string') return []; // the ticket's shape check names it
  const pointer = `${base}/unit`;
  if (units.length > 0) {
    if (units.includes(unit)) return [];
    const named = units.slice(0, NAMED).map((u) => `'${u}'`).join(', ');
    const more = units.length > NAMED ? ` and ${units.length - NAMED} more` : '';
    return [{ pointer, code: FOREIGN_UNIT, message: `${pointer} '${unit}' is not a unit of property '${property}'; its units are ${named}${more}.` }];
  }
  const prefix = `${property}/`;
  if (unit.startsWith(prefix) && unit.length > prefix.length) return [];
  return [
    {
      pointer,
      code: FOREIGN_UNIT,
      message: `${pointer} '${unit}' is not a unit of property '${property}': it registers no units, so its tickets name units under '${prefix}' (such as '${prefix}engineering'); an admin registers them with PUT /v1/properties/${property}/units.`,
    },
  ];
}
