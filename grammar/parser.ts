// The grammar, and nothing but the grammar: a Chevrotain CstParser whose rules
// are typed class fields. It accepts a superset of valid policies (any value
// where a value may stand); engine/checks judges what the values mean.
import type { CstNode, IToken } from 'chevrotain';
import { ExpressionParser } from './parser-expressions.js';
import * as t from './tokens.js';

export { MAX_NESTING } from './parser-expressions.js';

class SlaParser extends ExpressionParser {
  constructor(options: { validate?: boolean; recover?: boolean } = {}) {
    super(options);
    // Every rule, inherited or declared below, exists by now: class fields run before this line.
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.SUBRULE(this.header);
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  header = this.RULE('header', () => {
    this.CONSUME(t.ModuleLevel);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OPTION2(() => {
      this.CONSUME(t.Extends);
      this.CONSUME2(t.NameLike, { LABEL: 'parent' });
    });
  });

  declaration = this.RULE('declaration', () => {
    this.OR((this.alts.declaration ??= [
      { ALT: () => this.SUBRULE(this.useDecl) },
      { ALT: () => this.SUBRULE(this.zoneDecl) },
      { ALT: () => this.SUBRULE(this.calendarDecl) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.attributeDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.clockDecl) },
      { ALT: () => this.SUBRULE(this.warningDecl) },
      { ALT: () => this.SUBRULE(this.routeDecl) },
      { ALT: () => this.SUBRULE(this.penaltiesDecl) },
      { ALT: () => this.SUBRULE(this.complianceDecl) },
      { ALT: () => this.SUBRULE(this.dutyDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
      { ALT: () => this.SUBRULE(this.pauseDecl) },
      { ALT: () => this.SUBRULE(this.repeatsDecl) },
    ]));
  });

  // `final? repeats "…" { case … within … while unresolved merge same day … }`: the policy's repeat
  // convention (二次投诉). `final param` and `final repeats` share their first token; the second
  // decides (LL(2)). The clauses are judged by the checks (C201, C208, C209, C150).
  repeatsDecl = this.RULE('repeatsDecl', () => {
    this.OPTION(() => this.CONSUME(t.Final));
    this.CONSUME(t.Repeats);
    this.OPTION2(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.repeatsItem));
    this.CONSUME(t.RCurly);
  });

  repeatsItem = this.RULE('repeatsItem', () => {
    this.OR((this.alts.repeatsItem ??= [
      {
        ALT: () => {
          this.CONSUME(t.Case);
          this.SUBRULE(this.nameList, { LABEL: 'fields' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Within);
          this.SUBRULE(this.value);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.While);
          this.CONSUME(t.Unresolved);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Merge);
          this.CONSUME(t.Same);
          this.CONSUME(t.Day);
          this.SUBRULE2(this.nameList, { LABEL: 'channels' });
        },
      },
    ]));
  });

  // `pause at most 7d` (the default maximum of every clock that pauses) or `pause reasons { … }`.
  pauseDecl = this.RULE('pauseDecl', () => {
    this.CONSUME(t.Pause);
    this.OR((this.alts.pauseDecl ??= [
      { ALT: () => this.SUBRULE(this.pauseLimit) },
      {
        ALT: () => {
          this.CONSUME(t.Reasons);
          this.SUBRULE(this.memberBlock);
        },
      },
    ]));
  });

  // `at most 3d` after `pause`: paused time counts against the clock's target beyond this.
  pauseLimit = this.RULE('pauseLimit', () => {
    this.CONSUME(t.At);
    this.CONSUME(t.Most);
    this.SUBRULE(this.value);
  });

  useDecl = this.RULE('useDecl', () => {
    this.CONSUME(t.Use);
    this.SUBRULE(this.nameList);
  });

  zoneDecl = this.RULE('zoneDecl', () => {
    this.CONSUME(t.Zone);
    this.CONSUME(t.StringLike);
  });

  // ---- calendars ----

  calendarDecl = this.RULE('calendarDecl', () => {
    this.CONSUME(t.Calendar);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OR((this.alts.calendarDecl ??= [
      { ALT: () => this.CONSUME(t.TwentyFourSeven) },
      {
        ALT: () => {
          this.CONSUME(t.LCurly);
          this.MANY(() => this.SUBRULE(this.calendarItem));
          this.CONSUME(t.RCurly);
        },
      },
    ]));
  });

  calendarItem = this.RULE('calendarItem', () => {
    this.OR((this.alts.calendarItem ??= [
      { ALT: () => this.SUBRULE(this.zoneDecl) },
      { ALT: () => this.SUBRULE(this.includeItem) },
      { ALT: () => this.SUBRULE(this.specialDay) },
      { ALT: () => this.SUBRULE(this.hoursItem) },
    ]));
  });

  includeItem = this.RULE('includeItem', () => {
    this.CONSUME(t.Include);
    this.SUBRULE(this.nameList);
  });

  specialDay = this.RULE('specialDay', () => {
    this.OR((this.alts.specialDay ??= [{ ALT: () => this.CONSUME(t.Holiday) }, { ALT: () => this.CONSUME(t.Workday) }]));
    this.CONSUME(t.DateLiteral, { LABEL: 'from' });
    this.OPTION(() => {
      this.CONSUME(t.DotDot);
      this.CONSUME2(t.DateLiteral, { LABEL: 'to' });
    });
    this.OPTION2(() => this.CONSUME(t.StringLike));
  });

  hoursItem = this.RULE('hoursItem', () => {
    // `daily` is a keyword for `daily by 17:00`, and reads naturally here too.
    this.OR((this.alts.hoursItem ??= [{ ALT: () => this.CONSUME(t.NameLike) }, { ALT: () => this.CONSUME(t.Daily) }]));
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.timeRange) });
  });

  timeRange = this.RULE('timeRange', () => {
    this.CONSUME(t.TimeLiteral, { LABEL: 'from' });
    this.CONSUME(t.Minus);
    this.CONSUME2(t.TimeLiteral, { LABEL: 'to' });
  });

  // ---- classification ----

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(t.EnumKeyword);
    this.SUBRULE(this.memberBlock);
  });

  attributeDecl = this.RULE('attributeDecl', () => {
    this.CONSUME(t.Attribute);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.SUBRULE(this.memberBlock);
  });

  memberBlock = this.RULE('memberBlock', () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.member));
    this.CONSUME(t.RCurly);
  });

  member = this.RULE('member', () => {
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OPTION2(() => this.CONSUME(t.Comma));
  });

  // ---- parameters and values ----

  paramDecl = this.RULE('paramDecl', () => {
    this.OPTION3(() => this.CONSUME(t.Final));
    this.CONSUME(t.Param);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OPTION2(() => {
      this.CONSUME(t.Colon);
      this.OR((this.alts.paramDecl ??= [
        { ALT: () => this.CONSUME(t.TypeKeyword) },
        { ALT: () => this.CONSUME(t.Identifier) },
      ]));
    });
    this.CONSUME(t.Equals);
    this.SUBRULE(this.value);
  });

  clockDecl = this.RULE('clockDecl', () => {
    this.CONSUME(t.Clock);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.clockItem));
    this.CONSUME(t.RCurly);
  });

  clockItem = this.RULE('clockItem', () => {
    this.OR((this.alts.clockItem ??= [
      {
        ALT: () => {
          const role = this.CONSUME(t.ClockEventRole);
          // `pause at most 3d` shares its first token with `pause paused`; deciding after the role keeps
          // every clock item LL(1), so a broken item is reported where it breaks, not at its first word.
          // Not kept in `alts`: the gate reads this call's `role`.
          this.OR3([
            { GATE: () => role.tokenType === t.Pause, ALT: () => this.SUBRULE(this.pauseLimit) },
            {
              ALT: () => {
                // Inlined rather than a nameList: clock events are the commonest list, and a rule costs a CST node.
                this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME2(t.NameLike, { LABEL: 'events' }) });
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Calendar);
          this.OR2((this.alts.clockItem2 ??= [
            { ALT: () => this.CONSUME(t.NameLike) },
            { ALT: () => this.CONSUME(t.TwentyFourSeven) },
          ]));
        },
      },
      { ALT: () => this.SUBRULE(this.whenItem) },
      { ALT: () => this.SUBRULE(this.scopeItem) },
      { ALT: () => this.SUBRULE(this.targetItem) },
      { ALT: () => this.CONSUME(t.Advisory) },
    ]));
  });

  targetItem = this.RULE('targetItem', () => {
    this.CONSUME(t.Target);
    this.OR((this.alts.targetItem ??= [
      {
        ALT: () => {
          this.CONSUME(t.LCurly);
          this.MANY(() => this.SUBRULE(this.targetRow));
          this.CONSUME(t.RCurly);
        },
      },
      { ALT: () => this.SUBRULE(this.targetValue) },
    ]));
  });

  // A cell key: `*`, `category`, `category/tier` or `*/tier`. The parts are
  // tokens, not a sub-rule: target tables are the bulk of a policy.
  targetRow = this.RULE('targetRow', () => {
    this.OR((this.alts.targetRow ??= [
      { ALT: () => this.CONSUME(t.Star, { LABEL: 'anyCategory' }) },
      { ALT: () => this.CONSUME(t.NameLike, { LABEL: 'category' }) },
    ]));
    this.OPTION(() => {
      this.CONSUME(t.Slash);
      this.OR2((this.alts.targetRow2 ??= [
        { ALT: () => this.CONSUME2(t.Star, { LABEL: 'anyTier' }) },
        { ALT: () => this.CONSUME2(t.NameLike, { LABEL: 'tier' }) },
      ]));
    });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.targetValue);
    this.OPTION4(() => this.CONSUME(t.Advisory));
    this.OPTION3(() => this.SUBRULE(this.scopeItem));
    // Like member, penalty and compliance rows: `{ *: 2h, */urgent: 15m }` on one line.
    this.OPTION2(() => this.CONSUME(t.Comma));
  });

  warningDecl = this.RULE('warningDecl', () => {
    this.CONSUME(t.Warning);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.warningItem));
    this.CONSUME(t.RCurly);
  });

  warningItem = this.RULE('warningItem', () => {
    this.OR((this.alts.warningItem ??= [
      { ALT: () => this.SUBRULE(this.whenItem) },
      { ALT: () => this.SUBRULE(this.scopeItem) },
      {
        ALT: () => {
          this.CONSUME(t.Notify);
          this.SUBRULE(this.nameList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Plan);
          this.CONSUME(t.Within);
          this.SUBRULE(this.value);
          // `plan within 1d stop plan_reported`: the plan deadline is a clock that breaches.
          this.OPTION(() => {
            this.CONSUME(t.Stop);
            this.SUBRULE2(this.nameList, { LABEL: 'planStop' });
          });
        },
      },
    ]));
  });

  // A route: the roles a ticket goes to when its condition holds. No cost, so no penalty.
  routeDecl = this.RULE('routeDecl', () => {
    this.CONSUME(t.Route);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.routeItem));
    this.CONSUME(t.RCurly);
  });

  routeItem = this.RULE('routeItem', () => {
    this.OR((this.alts.routeItem ??= [
      { ALT: () => this.SUBRULE(this.whenItem) },
      { ALT: () => this.SUBRULE(this.scopeItem) },
      {
        ALT: () => {
          this.CONSUME(t.To);
          this.SUBRULE(this.nameList);
        },
      },
    ]));
  });

  penaltiesDecl = this.RULE('penaltiesDecl', () => {
    this.CONSUME(t.Penalties);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() =>
      this.OR((this.alts.penaltiesDecl ??= [
        { ALT: () => this.SUBRULE(this.penaltyRow) },
        { ALT: () => this.SUBRULE(this.chargeItem) },
        { ALT: () => this.SUBRULE(this.voidItem) },
      ])),
    );
    this.CONSUME(t.RCurly);
  });

  // `final? charge each level` | `charge highest level`: the mode and the word are names, judged by the checks.
  chargeItem = this.RULE('chargeItem', () => {
    this.OPTION(() => this.CONSUME(t.Final));
    this.CONSUME(t.Charge);
    this.CONSUME(t.NameLike, { LABEL: 'mode' });
    this.CONSUME2(t.NameLike, { LABEL: 'unit' });
  });

  // `void "中文理由" "English reason" when <condition>`.
  voidItem = this.RULE('voidItem', () => {
    this.CONSUME(t.Void);
    this.CONSUME(t.StringLike, { LABEL: 'zh' });
    this.OPTION(() => this.CONSUME2(t.StringLike, { LABEL: 'en' }));
    this.SUBRULE(this.whenItem);
  });

  penaltyRow = this.RULE('penaltyRow', () => {
    this.CONSUME(t.NameLike);
    this.SUBRULE(this.value);
    this.OPTION2(() => this.SUBRULE(this.scopeItem));
    this.OPTION(() => this.CONSUME(t.Comma));
  });

  complianceDecl = this.RULE('complianceDecl', () => {
    this.CONSUME(t.Compliance);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.complianceRow));
    this.CONSUME(t.RCurly);
  });

  complianceRow = this.RULE('complianceRow', () => {
    this.CONSUME(t.NameLike);
    this.OR((this.alts.complianceRow ??= [
      {
        ALT: () => {
          this.CONSUME(t.GreaterEq);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.CONSUME(t.Otherwise) },
    ]));
    this.OPTION(() => this.CONSUME(t.Comma));
  });

  // ---- duties ----

  dutyDecl = this.RULE('dutyDecl', () => {
    this.CONSUME(t.Duty);
    this.CONSUME(t.NameLike);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.dutyItem));
    this.CONSUME(t.RCurly);
  });

  // A superset: any name as the weekday, any value as the day of month, any time;
  // engine/checks judges them (C306, C110, C304).
  dutyItem = this.RULE('dutyItem', () => {
    this.OR((this.alts.dutyItem ??= [
      {
        ALT: () => {
          this.CONSUME(t.Every);
          this.CONSUME(t.NameLike, { LABEL: 'weekday' });
          this.OPTION(() => {
            this.CONSUME(t.By);
            this.CONSUME(t.TimeLiteral);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Daily);
          this.OPTION2(() => {
            this.CONSUME2(t.By);
            this.CONSUME2(t.TimeLiteral);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Monthly);
          // `monthly by day 5 17:00`; `day` is a plain name so it stays usable as one elsewhere.
          this.OPTION3(() => {
            this.CONSUME3(t.By);
            this.CONSUME2(t.NameLike, { LABEL: 'dayWord' });
            this.SUBRULE(this.value);
            this.OPTION4(() => this.CONSUME3(t.TimeLiteral));
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Owner);
          this.CONSUME3(t.NameLike, { LABEL: 'role' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Calendar);
          this.CONSUME4(t.NameLike, { LABEL: 'calendar' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Warning);
          this.CONSUME5(t.NameLike, { LABEL: 'level' });
        },
      },
      { ALT: () => this.CONSUME(t.Advisory) },
    ]));
  });

  // ---- tests ----

  testDecl = this.RULE('testDecl', () => {
    this.CONSUME(t.Test);
    this.CONSUME(t.StringLike);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.testItem));
    this.CONSUME(t.RCurly);
  });

  testItem = this.RULE('testItem', () => {
    this.OR((this.alts.testItem ??= [
      { ALT: () => this.SUBRULE(this.ticketBlock) },
      {
        ALT: () => {
          this.CONSUME(t.At);
          this.CONSUME(t.DateTimeLiteral);
        },
      },
      { ALT: () => this.SUBRULE(this.expectItem) },
    ]));
  });

  ticketBlock = this.RULE('ticketBlock', () => {
    this.OR((this.alts.ticketBlock ??= [{ ALT: () => this.CONSUME(t.Ticket) }, { ALT: () => this.CONSUME(t.Related) }]));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.ticketItem));
    this.CONSUME(t.RCurly);
  });

  ticketItem = this.RULE('ticketItem', () => {
    this.OR((this.alts.ticketItem ??= [
      {
        ALT: () => {
          this.CONSUME(t.Event);
          this.CONSUME(t.NameLike);
          this.OPTION(() => this.CONSUME(t.At));
          this.CONSUME(t.DateTimeLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Deadline);
          this.CONSUME3(t.NameLike, { LABEL: 'deadline' });
          this.OPTION2(() => this.CONSUME2(t.At));
          this.CONSUME2(t.DateTimeLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(t.NameLike, { LABEL: 'field' });
          this.CONSUME(t.Colon);
          this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.value) });
        },
      },
    ]));
  });

  expectItem = this.RULE('expectItem', () => {
    this.CONSUME(t.Expect);
    this.OR((this.alts.expectItem ??= [
      {
        ALT: () => {
          this.CONSUME(t.Warning);
          this.CONSUME(t.NameLike, { LABEL: 'level' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Penalty);
          this.SUBRULE(this.value);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(t.NameLike, { LABEL: 'clock' });
          this.CONSUME3(t.NameLike, { LABEL: 'state' });
          this.OPTION(() => this.CONSUME(t.DateTimeLiteral));
        },
      },
    ]));
  });
}

let recovering: SlaParser | undefined;
let exact: SlaParser | undefined;

/** The parser is built once: self-analysis is the expensive part. It recovers from syntax errors and reports each. */
export function slaParser(): SlaParser {
  recovering ??= new SlaParser();
  return recovering;
}

/**
 * The same grammar, stopping at the first syntax error instead of recovering: for text that is
 * expected to have none (parse reads such text a declaration at a time). Without recovery
 * Chevrotain places each CST node from its first and last token instead of widening it at
 * every token, which is a sixteenth of a large file's parse; on text without errors the CST
 * is the same, and a text it refuses is read again by the recovering parser. Built on first
 * use, so a process that only ever parses text with errors does not build it.
 */
export function exactParser(): SlaParser {
  exact ??= new SlaParser({ recover: false });
  return exact;
}

/** Builds a parser with Chevrotain's grammar validations on: throws on a grammar defect. For tests. */
export function validateGrammar(): void {
  new SlaParser({ validate: true });
}

export function parseTokens(tokens: IToken[], parser: SlaParser = slaParser()): { cst: CstNode; parser: SlaParser } {
  parser.input = tokens;
  const cst = parser.file();
  return { cst, parser };
}

export type { SlaParser };
