// Routes (`route night_urgent { when … to duty_manager }`): one clause of each kind, a new
// route says whom it goes to (C142), and the roles are declared ones. Conditions are typed
// by conditions.ts and scopes judged by scopes.ts like those of clocks and warnings.
import type { Check } from './context.js';
import { known } from './references.js';
import { reportDuplicateClauses } from './shape.js';

export const routeClauses: Check = {
  name: 'routes have one of each clause and go to declared roles',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Route' || !decl.name.text) continue;
      reportDuplicateClauses(
        ctx,
        decl.items.map((i) => ({ kind: i.kind === 'RouteTo' ? 'to' : i.kind, range: i.range })),
        () => `Route '${decl.name.text}'`,
      );
      for (const item of decl.items) if (item.kind === 'RouteTo') for (const role of item.roles) known(ctx, role, ctx.policy.enums.roles, 'role');
      const effective = ctx.policy.routes.get(decl.name.text);
      if (!effective?.to || effective.to.node.roles.length === 0) {
        ctx.report('C142', decl.name.range, `Route '${decl.name.text}' does not say whom the ticket goes to.`, {
          help: `Add \`to <role>\`, a role declared in \`roles\`${ctx.policy.enums.roles.size > 0 ? ` (${[...ctx.policy.enums.roles.keys()].slice(0, 5).join(', ')}…)` : ''}.`,
        });
      }
    }
  },
};
