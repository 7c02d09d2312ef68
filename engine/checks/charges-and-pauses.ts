// The rules that bound what a ticket costs: `charge each level | highest level`
// (one per block; a `final` choice binds every child, C103), `void … when …` (a reason
// in Chinese and English, since the ledger and the UI show both; a condition like any
// other), and pauses (`pause at most` a positive duration, on a clock that pauses; a
// clock that pauses with no limit anywhere can be frozen for ever by a pause never
// resumed, C134).
import type * as A from '../../grammar/index.js';
import { resolveValue } from './value-types.js';
import { checkCondition } from './conditions.js';
import type { Check, CheckContext } from './context.js';

const CHARGE_MODES = ['each', 'highest'];
const CHARGE_UNITS = ['level', 'levels'];

function penaltiesBlocks(module: A.Module): A.PenaltiesDecl[] {
  return module.declarations.filter((d): d is A.PenaltiesDecl => d.kind === 'Penalties');
}

export const chargeChoice: Check = {
  name: 'a charge choice is `each level` or `highest level`, stated once, and a final one is kept',
  run(ctx) {
    let first: A.ChargeItem | undefined;
    for (const block of penaltiesBlocks(ctx.file.module)) {
      for (const charge of block.charges ?? []) {
        if (first) {
          ctx.report('C209', charge.range, `The charge choice is already stated on line ${first.range.start.line}.`, { help: 'Keep one of the two.' });
          continue;
        }
        first = charge;
        if (!CHARGE_MODES.includes(charge.mode.text)) {
          ctx.report('C130', charge.mode.range, `'${charge.mode.text}' is not a charge choice.`, { help: 'Write `charge each level` (each level reached is paid) or `charge highest level` (only the highest).' });
        } else if (!CHARGE_UNITS.includes(charge.unit.text)) {
          ctx.report('C130', charge.unit.range, `Expected 'level' after 'charge ${charge.mode.text}', not '${charge.unit.text}'.`, { help: `Write \`charge ${charge.mode.text} level\`.` });
        }
        lockedCharge(ctx, charge);
      }
      for (const v of block.voids ?? []) {
        if (!v.zh.value.trim() || !v.en?.value.trim()) {
          ctx.report('C131', (v.en ?? v.zh).range, 'A void needs its reason in Chinese and then in English: the ledger keeps both with the reversal.', {
            help: 'For example `void "非责任说明经集团客服中心审核通过" "non-responsibility statement accepted by the group service centre" when …`.',
          });
        }
        checkCondition(ctx, v.when.condition);
      }
    }
  },
};

function lockedCharge(ctx: CheckContext, charge: A.ChargeItem): void {
  const locked = ctx.inherited?.chargeHistory.find((h) => h.node.final);
  if (!locked) return;
  ctx.report('C103', charge.range, `The charge choice is final in ${locked.module}: a ${ctx.file.module.header.level} cannot state another.`, {
    help: `Remove this line; ${locked.module} owns the choice (${locked.uri}:${locked.node.range.start.line}).`,
  });
}

function pauseLimitValue(ctx: CheckContext, limit: A.PauseLimit): void {
  const v = resolveValue(ctx.policy, limit.value);
  if (v.kind === 'Placeholder' || (v.kind === 'NameRef' && !ctx.policy.params.has(v.name.text))) return;
  if (v.kind !== 'Duration' || v.negative || v.minutes <= 0) {
    ctx.report('C132', limit.value.range, '`pause at most` takes a positive duration of the clock\'s service time, such as 3d or 72h.');
  }
}

export const pauseLimits: Check = {
  name: 'pause limits are positive durations on clocks that pause, and every clock that pauses has one',
  run(ctx) {
    const seenReasons = new Map<string, A.Name>();
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind === 'PauseLimit') pauseLimitValue(ctx, decl);
      if (decl.kind === 'PauseReasons') {
        for (const m of decl.members) {
          const first = seenReasons.get(m.name.text);
          if (first) ctx.report('C202', m.name.range, `'${m.name.text}' is already a pause reason on line ${first.range.start.line}.`);
          else seenReasons.set(m.name.text, m.name);
        }
      }
      if (decl.kind !== 'Clock') continue;
      for (const item of decl.items) if (item.kind === 'PauseLimit') pauseLimitValue(ctx, item);
    }
    for (const clock of ctx.policy.clocks.values()) {
      const pauses = (clock.events.pause?.node.events.length ?? 0) > 0;
      const ownLimit = clock.pauseLimit;
      if (ownLimit && !pauses && ownLimit.uri === ctx.file.uri) {
        ctx.report('C133', ownLimit.node.range, `Clock '${clock.name}' has no pause event, so nothing is limited.`, { help: 'Add `pause <event>` and `resume <event>`, or remove the limit.' });
      }
      // Said once, in the file that makes the clock pause, and only while no file of the chain gives a limit.
      if (pauses && !ownLimit && !ctx.policy.pauseLimit && clock.events.pause?.uri === ctx.file.uri) {
        ctx.report('C134', clock.events.pause.node.range, `Clock '${clock.name}' pauses with no limit: a pause never resumed stops it for ever, with no breach and no warning.`, {
          help: 'Add `pause at most 3d` to the clock (or `pause at most …` at the top of the group for every clock).',
        });
      }
    }
  },
};
