// The grammar, and nothing but the grammar: a Chevrotain CstParser whose rules
// are typed class fields. It accepts a superset of valid policies (any value
// where a value may stand); engine/checks judges what the values mean.
import { CstParser, tokenMatcher, type CstNode, type IToken } from 'chevrotain';
import * as t from './tokens.js';

// Conditions nest by recursion (parentheses, `not`, calls). Past this depth the
// parser reports the next `(`, `not` or call as unexpected instead of recursing,
// so a pathological file (a thousand `(`) cannot overflow the stack.
export const MAX_NESTING = 32;
// Chevrotain resumes a repetition after in-repetition recovery by calling the
// repetition again from inside itself: each such recovery is one level deeper
// on the stack. Past this many errors only rule-level re-sync (which does not
// nest) is used, so a large garbage file cannot overflow the stack either.
const MAX_ERRORS_WITH_REPETITION_RECOVERY = 100;

type RepetitionRecoveryCheck = (this: CstParser, ...args: unknown[]) => boolean;
const chevrotainRepetitionRecoveryCheck = (
  CstParser.prototype as unknown as { shouldInRepetitionRecoveryBeTried: RepetitionRecoveryCheck }
).shouldInRepetitionRecoveryBeTried;

class SlaParser extends CstParser {
  private nesting = 0;

  constructor() {
    super(t.allTokens, { recoveryEnabled: true, nodeLocationTracking: 'full', maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  /** Chevrotain's own check, refused once the error budget for nesting recoveries is spent. */
  shouldInRepetitionRecoveryBeTried(...args: unknown[]): boolean {
    if (this.errors.length >= MAX_ERRORS_WITH_REPETITION_RECOVERY) return false;
    return chevrotainRepetitionRecoveryCheck.apply(this, args);
  }

  private canNest(): boolean {
    return this.nesting < MAX_NESTING;
  }

  /** Runs a recursive part of a condition one level deeper; finally keeps the count right when recovery unwinds it. */
  private nested(body: () => void): void {
    this.nesting++;
    try {
      body();
    } finally {
      this.nesting--;
    }
  }

  file = this.RULE('file', () => {
    this.SUBRULE(this.header);
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  header = this.RULE('header', () => {
    this.CONSUME(t.ModuleLevel);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OPTION2(() => {
      this.CONSUME(t.Extends);
      this.SUBRULE2(this.name, { LABEL: 'parent' });
    });
  });

  // `flags` declares the flag list but is also the ticket field that conditions test.
  name = this.RULE('name', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.Flags) }]);
  });

  nameList = this.RULE('nameList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.name) });
  });

  declaration = this.RULE('declaration', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.useDecl) },
      { ALT: () => this.SUBRULE(this.zoneDecl) },
      { ALT: () => this.SUBRULE(this.calendarDecl) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.attributeDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.clockDecl) },
      { ALT: () => this.SUBRULE(this.warningDecl) },
      { ALT: () => this.SUBRULE(this.penaltiesDecl) },
      { ALT: () => this.SUBRULE(this.complianceDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
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
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OR([
      { ALT: () => this.CONSUME(t.TwentyFourSeven) },
      {
        ALT: () => {
          this.CONSUME(t.LCurly);
          this.MANY(() => this.SUBRULE(this.calendarItem));
          this.CONSUME(t.RCurly);
        },
      },
    ]);
  });

  calendarItem = this.RULE('calendarItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.zoneDecl) },
      { ALT: () => this.SUBRULE(this.includeItem) },
      { ALT: () => this.SUBRULE(this.specialDay) },
      { ALT: () => this.SUBRULE(this.hoursItem) },
    ]);
  });

  includeItem = this.RULE('includeItem', () => {
    this.CONSUME(t.Include);
    this.SUBRULE(this.nameList);
  });

  specialDay = this.RULE('specialDay', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Holiday) }, { ALT: () => this.CONSUME(t.Workday) }]);
    this.CONSUME(t.DateLiteral, { LABEL: 'from' });
    this.OPTION(() => {
      this.CONSUME(t.DotDot);
      this.CONSUME2(t.DateLiteral, { LABEL: 'to' });
    });
    this.OPTION2(() => this.CONSUME(t.StringLike));
  });

  hoursItem = this.RULE('hoursItem', () => {
    this.SUBRULE(this.name);
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
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.SUBRULE(this.memberBlock);
  });

  memberBlock = this.RULE('memberBlock', () => {
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.member));
    this.CONSUME(t.RCurly);
  });

  member = this.RULE('member', () => {
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OPTION2(() => this.CONSUME(t.Comma));
  });

  // ---- parameters and values ----

  paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(t.Param);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.OPTION2(() => {
      this.CONSUME(t.Colon);
      this.OR([
        { ALT: () => this.CONSUME(t.TypeKeyword) },
        { ALT: () => this.CONSUME(t.Identifier) },
      ]);
    });
    this.CONSUME(t.Equals);
    this.SUBRULE(this.value);
  });

  value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Placeholder) },
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.SUBRULE(this.name) },
      { ALT: () => this.CONSUME(t.TimeLiteral) },
      { ALT: () => this.CONSUME(t.DateTimeLiteral) },
      { ALT: () => this.CONSUME(t.DateLiteral) },
      { ALT: () => this.CONSUME(t.StringLike) },
    ]);
  });

  quantity = this.RULE('quantity', () => {
    this.OPTION(() => this.CONSUME(t.Minus));
    this.OR([
      { ALT: () => this.CONSUME(t.DurationLiteral) },
      { ALT: () => this.CONSUME(t.PercentLiteral) },
      {
        ALT: () => {
          this.CONSUME(t.NumberLiteral);
          this.OPTION2(() =>
            this.OR2([
              { ALT: () => this.CONSUME(t.Workdays) },
              { ALT: () => this.CONSUME(t.Workday) },
              { ALT: () => this.CONSUME(t.Points) },
              { ALT: () => this.CONSUME(t.Point) },
            ]),
          );
        },
      },
    ]);
  });

  // ---- clocks ----

  clockDecl = this.RULE('clockDecl', () => {
    this.CONSUME(t.Clock);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.clockItem));
    this.CONSUME(t.RCurly);
  });

  clockItem = this.RULE('clockItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.ClockEventRole);
          this.SUBRULE(this.nameList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Calendar);
          this.OR2([
            { ALT: () => this.SUBRULE(this.name) },
            { ALT: () => this.CONSUME(t.TwentyFourSeven) },
          ]);
        },
      },
      { ALT: () => this.SUBRULE(this.whenItem) },
      { ALT: () => this.SUBRULE(this.targetItem) },
    ]);
  });

  whenItem = this.RULE('whenItem', () => {
    this.CONSUME(t.When);
    this.SUBRULE(this.condition);
  });

  targetItem = this.RULE('targetItem', () => {
    this.CONSUME(t.Target);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LCurly);
          this.MANY(() => this.SUBRULE(this.targetRow));
          this.CONSUME(t.RCurly);
        },
      },
      { ALT: () => this.SUBRULE(this.targetValue) },
    ]);
  });

  targetRow = this.RULE('targetRow', () => {
    this.SUBRULE(this.cellPart, { LABEL: 'category' });
    this.OPTION(() => {
      this.CONSUME(t.Slash);
      this.SUBRULE2(this.cellPart, { LABEL: 'tier' });
    });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.targetValue);
    // Like member, penalty and compliance rows: `{ *: 2h, */urgent: 15m }` on one line.
    this.OPTION2(() => this.CONSUME(t.Comma));
  });

  cellPart = this.RULE('cellPart', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.SUBRULE(this.name) }]);
  });

  targetValue = this.RULE('targetValue', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Every);
          this.SUBRULE(this.value, { LABEL: 'interval' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Daily);
          this.CONSUME(t.By);
          this.CONSUME(t.TimeLiteral);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.value);
          this.OPTION(() => {
            this.OR2([{ ALT: () => this.CONSUME(t.Before) }, { ALT: () => this.CONSUME(t.After) }]);
            this.SUBRULE(this.name, { LABEL: 'anchor' });
          });
        },
      },
    ]);
  });

  // ---- conditions ----

  condition = this.RULE('condition', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Or, DEF: () => this.SUBRULE(this.andCondition) });
  });

  andCondition = this.RULE('andCondition', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.And, DEF: () => this.SUBRULE(this.notCondition) });
  });

  notCondition = this.RULE('notCondition', () => {
    this.OR([
      {
        GATE: () => this.canNest(),
        ALT: () => {
          this.CONSUME(t.Not);
          this.nested(() => this.SUBRULE(this.notCondition));
        },
      },
      {
        GATE: () => this.canNest(),
        ALT: () => {
          this.CONSUME(t.LParen);
          this.nested(() => this.SUBRULE(this.condition));
          this.CONSUME(t.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' });
    this.OPTION(() => {
      this.CONSUME(t.CompareOperator);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE2(this.operand, { LABEL: 'items' }) });
            this.CONSUME(t.RParen);
          },
        },
        { ALT: () => this.SUBRULE3(this.operand, { LABEL: 'right' }) },
      ]);
    });
  });

  operand = this.RULE('operand', () => {
    this.OR([
      {
        // A call: `overdue(resolve)`. Two tokens of look-ahead tell it from a name.
        GATE: () => tokenMatcher(this.LA(2), t.LParen) && this.canNest(),
        ALT: () => {
          this.SUBRULE(this.name, { LABEL: 'callee' });
          this.CONSUME(t.LParen);
          this.nested(() => this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.operand, { LABEL: 'args' }) }));
          this.CONSUME(t.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.value) },
    ]);
  });

  // ---- warnings and penalties ----

  warningDecl = this.RULE('warningDecl', () => {
    this.CONSUME(t.Warning);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.warningItem));
    this.CONSUME(t.RCurly);
  });

  warningItem = this.RULE('warningItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.whenItem) },
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
        },
      },
    ]);
  });

  penaltiesDecl = this.RULE('penaltiesDecl', () => {
    this.CONSUME(t.Penalties);
    this.OPTION(() => this.CONSUME(t.StringLike));
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.penaltyRow));
    this.CONSUME(t.RCurly);
  });

  penaltyRow = this.RULE('penaltyRow', () => {
    this.SUBRULE(this.name);
    this.SUBRULE(this.value);
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
    this.SUBRULE(this.name);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.GreaterEq);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.CONSUME(t.Otherwise) },
    ]);
    this.OPTION(() => this.CONSUME(t.Comma));
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
    this.OR([
      { ALT: () => this.SUBRULE(this.ticketBlock) },
      {
        ALT: () => {
          this.CONSUME(t.At);
          this.CONSUME(t.DateTimeLiteral);
        },
      },
      { ALT: () => this.SUBRULE(this.expectItem) },
    ]);
  });

  ticketBlock = this.RULE('ticketBlock', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Ticket) }, { ALT: () => this.CONSUME(t.Related) }]);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.ticketItem));
    this.CONSUME(t.RCurly);
  });

  ticketItem = this.RULE('ticketItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Event);
          this.SUBRULE(this.name);
          this.OPTION(() => this.CONSUME(t.At));
          this.CONSUME(t.DateTimeLiteral);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.name, { LABEL: 'field' });
          this.CONSUME(t.Colon);
          this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.value) });
        },
      },
    ]);
  });

  expectItem = this.RULE('expectItem', () => {
    this.CONSUME(t.Expect);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Warning);
          this.SUBRULE(this.name, { LABEL: 'level' });
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
          this.SUBRULE2(this.name, { LABEL: 'clock' });
          this.SUBRULE3(this.name, { LABEL: 'state' });
          this.OPTION(() => this.CONSUME(t.DateTimeLiteral));
        },
      },
    ]);
  });
}

let instance: SlaParser | undefined;

/** The parser is built once: self-analysis is the expensive part. */
export function slaParser(): SlaParser {
  instance ??= new SlaParser();
  return instance;
}

export function parseTokens(tokens: IToken[]): { cst: CstNode; parser: SlaParser } {
  const parser = slaParser();
  parser.input = tokens;
  const cst = parser.file();
  return { cst, parser };
}

export type { SlaParser };
