// Routes: who a ticket goes to (001 二(一) “夜间紧急诉求转接值班经理”; 002 四 minor complaints
// answered by the desk, important and major ones reported to the manager in charge). A route
// costs nothing and breaches nothing: the result lists every route whose scope and condition
// hold, with the roles, why (the comparisons that held) and where the route is written.
// Called from `present` only, so a simulation over a million tickets does not pay for it.
import type { CompiledPolicy, CompiledRoute, ConditionEnv } from '../compile/types.js';
import type { EvaluationResult, Reason, RouteResult } from '../ticket.js';
import type { CoreResult } from './core.js';
import { sourceText } from './explain.js';

function applies(route: CompiledRoute, env: ConditionEnv): boolean {
  return (!route.scope || route.scope.test(env)) && (!route.when || route.when.test(env));
}

function reasonOf(route: CompiledRoute, env: ConditionEnv): Reason {
  const roles = route.to.join(', ');
  const name = route.label ?? route.name;
  const held = route.when ? route.when.explain(env).parts.filter((p) => p.holds) : [];
  if (held.length === 0) return { en: `${route.name}: to ${roles}`, zh: `${name}：转至 ${route.to.join('、')}` };
  return {
    en: `${route.name}: to ${roles}, because ${held.map((p) => p.detail.en).join(' and ')}`,
    zh: `${name}：转至 ${route.to.join('、')}，因为 ${held.map((p) => p.detail.zh).join('，且 ')}`,
  };
}

/** Sets `result.routes` (an empty list when the policy declares routes and none applies) and traces each route. */
export function addRoutes(policy: CompiledPolicy, core: CoreResult, result: EvaluationResult): void {
  if (policy.routes.length === 0) return;
  const routes: RouteResult[] = [];
  for (const route of policy.routes) {
    const holds = applies(route, core.env);
    if (holds) {
      const r: RouteResult = { route: route.name, to: [...route.to], reason: reasonOf(route, core.env), source: sourceText(route.source) };
      if (route.label !== undefined) r.label = route.label;
      routes.push(r);
    }
    if (result.trace) {
      const inputs = route.when ? Object.fromEntries(route.when.explain(core.env).parts.map((p) => [p.text, p.holds])) : {};
      result.trace.push({ rule: `route ${route.name}`, source: sourceText(route.source), inputs, outcome: holds ? 'routed' : 'not routed', ...(holds ? { reason: reasonOf(route, core.env) } : {}) });
    }
  }
  result.routes = routes;
}
