// C704: a test whose instants fall in a year a clock's calendar has no holiday table for.
// Such a test passes or fails on a year counted as plain Monday..Friday (a revisit due on
// 2027-01-01 is due on New Year's Day), which is rarely what its writer meant. The due
// time a test expects is judged against its clock's calendar; the test's other instants
// (ticket, events, `at`) against every calendar its clocks run on. Evaluation says the
// same of real tickets with E301 (engine/evaluate/holiday-tables.ts).
import type * as A from '../../grammar/index.js';
import { calendarSpec, coveredYears } from '../calendar/index.js';
import { validInstant } from '../calendar/dates.js';
import type { Check, CheckContext } from './context.js';

interface Tables {
  calendar: string;
  years: readonly number[];
}

/** The calendars with holiday tables that each clock runs on, by clock name. */
function clockTables(ctx: CheckContext): Map<string, Tables> {
  const out = new Map<string, Tables>();
  for (const [clock, decl] of ctx.policy.clocks) {
    const name = decl.calendar?.node.calendar?.text;
    const cal = name === undefined ? undefined : ctx.policy.calendars.get(name);
    if (!name || !cal || cal.always) continue;
    const years = coveredYears(calendarSpec(ctx.policy, name));
    if (years.length > 0) out.set(clock, { calendar: name, years });
  }
  return out;
}

export const testHolidayYears: Check = {
  name: 'test instants fall in years with holiday tables',
  run(ctx) {
    const tests = ctx.file.module.declarations.filter((d): d is A.TestDecl => d.kind === 'Test');
    if (tests.length === 0) return;
    const tables = clockTables(ctx);
    if (tables.size === 0) return;
    const everyCalendar = [...new Map([...tables.values()].map((t) => [t.calendar, t])).values()];
    for (const test of tests) {
      const reported = new Set<string>();
      const judge = (lit: A.DateTimeLit, against: readonly Tables[]) => {
        if (!validInstant(lit.text)) return; // C304 says why
        const year = Number(lit.text.slice(0, 4));
        for (const t of against) {
          const key = `${t.calendar}/${year}`;
          if (t.years.includes(year) || reported.has(key)) continue;
          reported.add(key);
          ctx.report('C704', lit.range, `${lit.text} falls in ${year}, and calendar '${t.calendar}' has holiday tables for ${t.years.join(', ')} only: this test counts every Monday to Friday of ${year} as a working day.`, {
            help: `Add the ${year} table (beacon holidays import writes one from the State Council notice's ICS or a CSV), then add it to \`use\` and to the calendar's \`include\`.`,
          });
        }
      };
      for (const item of test.items) {
        if (item.kind === 'ExpectClock' && item.at) {
          const t = tables.get(item.clock.text);
          if (t) judge(item.at, [t]);
        } else if (item.kind === 'At') judge(item.at, everyCalendar);
        else if (item.kind === 'Ticket') {
          for (const field of item.items) {
            if (field.kind === 'TicketEvent' || field.kind === 'TicketDeadline') judge(field.at, everyCalendar);
            else for (const v of field.values) if (v.kind === 'DateTime') judge(v, everyCalendar);
          }
        }
      }
    }
  },
};
