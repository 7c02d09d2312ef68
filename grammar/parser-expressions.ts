// The shared part of the grammar: names, values, targets and conditions,
// plus the guards that keep recovery and nesting from overflowing the stack.
// grammar/parser.ts extends it with the declarations and runs self-analysis.
import { CstParser, tokenMatcher, type IOrAlt } from 'chevrotain';
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

export class ExpressionParser extends CstParser {
  protected nesting = 0;

  /**
   * Every `OR` keeps its list of alternatives here, made on its first call (Chevrotain's
   * performance guide: "caching arrays of alternatives"). Written inline, the list and a
   * closure per alternative were made again at every call: a fifth of what a large file's
   * parse allocated. A kept list stays right because its closures use nothing but `this`,
   * the one parser; an alternative that read a rule's local variable could not be kept.
   */
  protected readonly alts: Record<string, IOrAlt<unknown>[] | undefined> = {};

  /**
   * `validate` runs Chevrotain's grammar validations (ambiguities, left recursion, ...). They
   * cost a third of the parser's construction at every start of the CLI and of the editor's
   * worker, and say the same thing for the same grammar, so the shipped parser skips them and
   * test/grammar/grammar-validations.test.ts runs them on every test run instead.
   * `recover: false` makes a parser that stops at the first syntax error (parser.ts exactParser).
   */
  constructor(options: { validate?: boolean; recover?: boolean } = {}) {
    super(t.allTokens, { recoveryEnabled: options.recover ?? true, nodeLocationTracking: 'full', maxLookahead: 3, skipValidations: !options.validate });
  }

  /** Chevrotain's own check, refused once the error budget for nesting recoveries is spent. */
  shouldInRepetitionRecoveryBeTried(...args: unknown[]): boolean {
    if (this.errors.length >= MAX_ERRORS_WITH_REPETITION_RECOVERY) return false;
    return chevrotainRepetitionRecoveryCheck.apply(this, args);
  }

  protected canNest(): boolean {
    return this.nesting < MAX_NESTING;
  }

  /** Runs a recursive part of a condition one level deeper; finally keeps the count right when recovery unwinds it. */
  protected nested(body: () => void): void {
    this.nesting++;
    try {
      body();
    } finally {
      this.nesting--;
    }
  }

  nameList = this.RULE('nameList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.NameLike) });
  });

  // Quantities (`-0.2 points`, `2 workdays`, `15m`) are an alternative here
  // rather than a rule of their own: values are the commonest node.
  value = this.RULE('value', () => {
    this.OR((this.alts.value ??= [
      { ALT: () => this.CONSUME(t.Placeholder) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(t.Minus));
          this.OR2((this.alts.value2 ??= [
            { ALT: () => this.CONSUME(t.DurationLiteral) },
            { ALT: () => this.CONSUME(t.PercentLiteral) },
            {
              ALT: () => {
                this.CONSUME(t.NumberLiteral);
                this.OPTION2(() =>
                  this.OR3((this.alts.value3 ??= [
                    { ALT: () => this.CONSUME(t.Workdays) },
                    { ALT: () => this.CONSUME(t.Workday) },
                    { ALT: () => this.CONSUME(t.Points) },
                    { ALT: () => this.CONSUME(t.Point) },
                  ])),
                );
              },
            },
          ]));
        },
      },
      { ALT: () => this.CONSUME(t.NameLike) },
      { ALT: () => this.CONSUME(t.TimeLiteral) },
      { ALT: () => this.CONSUME(t.DateTimeLiteral) },
      { ALT: () => this.CONSUME(t.DateLiteral) },
      { ALT: () => this.CONSUME(t.StringLike) },
    ]));
  });

  whenItem = this.RULE('whenItem', () => {
    this.CONSUME(t.When);
    this.SUBRULE(this.condition);
  });

  // The tickets a rule is for (`applies to kind = complaint`): a condition on the ticket alone.
  scopeItem = this.RULE('scopeItem', () => {
    this.CONSUME(t.Applies);
    this.CONSUME(t.To);
    this.SUBRULE(this.condition);
  });

  targetValue = this.RULE('targetValue', () => {
    this.OR((this.alts.targetValue ??= [
      {
        ALT: () => {
          this.CONSUME(t.Deadline);
          this.CONSUME2(t.NameLike, { LABEL: 'deadline' });
          this.OPTION2(() => {
            this.CONSUME(t.Else);
            this.SUBRULE(this.targetValue, { LABEL: 'fallback' });
          });
        },
      },
      {
        ALT: () => {
          this.OR3((this.alts.targetValue2 ??= [{ ALT: () => this.CONSUME(t.Same) }, { ALT: () => this.CONSUME(t.Next) }]));
          this.CONSUME(t.Day);
          this.OPTION3(() => this.CONSUME2(t.TimeLiteral, { LABEL: 'cutoff' }));
        },
      },
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
            this.OR2((this.alts.targetValue3 ??= [{ ALT: () => this.CONSUME(t.Before) }, { ALT: () => this.CONSUME(t.After) }]));
            this.CONSUME(t.NameLike, { LABEL: 'anchor' });
          });
        },
      },
    ]));
  });

  condition = this.RULE('condition', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Or, DEF: () => this.SUBRULE(this.andCondition) });
  });

  andCondition = this.RULE('andCondition', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.And, DEF: () => this.SUBRULE(this.notCondition) });
  });

  notCondition = this.RULE('notCondition', () => {
    this.OR((this.alts.notCondition ??= [
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
    ]));
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' });
    this.OPTION(() => {
      this.CONSUME(t.CompareOperator);
      this.OR((this.alts.comparison ??= [
        {
          ALT: () => {
            this.CONSUME(t.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE2(this.operand, { LABEL: 'items' }) });
            this.CONSUME(t.RParen);
          },
        },
        { ALT: () => this.SUBRULE3(this.operand, { LABEL: 'right' }) },
      ]));
    });
  });

  operand = this.RULE('operand', () => {
    this.OR((this.alts.operand ??= [
      {
        // A call: `overdue(resolve)`. Two tokens of look-ahead tell it from a name. An
        // argument is a condition, so that one may be a test on a ticket (share()'s filter:
        // `share(issueKey, 30d, households(), kind = complaint)`); most are a bare operand,
        // which the AST keeps as the operand (build-values.ts). Checks say which fits where.
        GATE: () => tokenMatcher(this.LA(2), t.LParen) && this.canNest(),
        ALT: () => {
          this.CONSUME(t.NameLike, { LABEL: 'callee' });
          this.CONSUME(t.LParen);
          this.nested(() => this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.condition, { LABEL: 'args' }) }));
          this.CONSUME(t.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.value) },
    ]));
  });
}
