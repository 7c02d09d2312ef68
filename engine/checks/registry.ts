// The checks, as named stages run in order. Order matters only for how
// diagnostics read: shape first (so a clock with no start is reported as such
// before its references), then names, then types, then whole-policy judgements
// that assume names resolve.
import { calendarLiterals, holidayAndWorkday, includeCycles, overlappingIntervals, testInstants } from './calendars.js';
import { conditionTypes } from './conditions.js';
import { conditionsOnAdvisoryClocks } from './advisory.js';
import { advisoryDutyWarnings, dutyClauses, dutyReferences } from './duties.js';
import { overlappingClocks } from './overlaps.js';
import { householdsFromRecord, shareCrossingsAlike } from './households.js';
import { testHolidayYears } from './holiday-tables.js';
import type { Check } from './context.js';
import { complianceOrder, completeTests, escalation, missingTargets, placeholders } from './policy.js';
import { repeatRules } from './repeats.js';
import { routeClauses } from './routes.js';
import { costsHaveScopes, finalValues, scopeReadsTicket } from './scopes.js';
import { chargeChoice, pauseLimits } from './charges-and-pauses.js';
import { calendarReferences, clockReferences, testReferences, warningReferences } from './references.js';
import { clockClauses, duplicateNames, libraryContents, tableCells, warningClauses } from './shape.js';
import { paramCycles, paramTypes, targetTypes, valueRanges, warningTypes } from './types.js';

export interface Stage {
  name: string;
  checks: Check[];
}

export const stages: Stage[] = [
  { name: 'shape', checks: [libraryContents, duplicateNames, clockClauses, warningClauses, tableCells, dutyClauses] },
  { name: 'names', checks: [calendarReferences, clockReferences, warningReferences, testReferences, dutyReferences, routeClauses] },
  { name: 'types', checks: [paramCycles, paramTypes, targetTypes, warningTypes, conditionTypes, scopeReadsTicket, valueRanges] },
  { name: 'calendars', checks: [calendarLiterals, overlappingIntervals, holidayAndWorkday, includeCycles, testInstants, testHolidayYears] },
  { name: 'policy', checks: [placeholders, missingTargets, escalation, complianceOrder, completeTests, costsHaveScopes, finalValues, advisoryDutyWarnings, conditionsOnAdvisoryClocks, overlappingClocks, chargeChoice, pauseLimits, householdsFromRecord, shareCrossingsAlike, repeatRules] },
];
