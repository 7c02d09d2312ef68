// Which AST nodes lie under an offset, innermost last. The AST is plain data
// (`{ kind, ..., range }` everywhere), so one generic walk serves every node kind.
import type { AnyNode, Module, Name } from '../../../grammar/index.js';

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'range' in value;
}

/** Every node whose range holds `offset` (end inclusive: a cursor just after a word is on it), outermost first. */
export function nodesAt(module: Module, offset: number): AnyNode[] {
  const path: AnyNode[] = [];
  let current: AnyNode | undefined = module;
  while (current) {
    path.push(current);
    let inner: AnyNode | undefined;
    for (const value of Object.values(current)) {
      const candidates: unknown[] = Array.isArray(value) ? value : [value];
      for (const c of candidates) {
        if (isNode(c) && c.range.start.offset <= offset && offset <= c.range.end.offset && c !== current) {
          inner = c;
          break;
        }
      }
      if (inner) break;
    }
    current = inner;
  }
  return path;
}

/** The name under the cursor and its parent node (which says what kind of name it is). */
export function nameAt(module: Module, offset: number): { name: Name; parent: AnyNode; field: string } | undefined {
  const path = nodesAt(module, offset);
  const name = path[path.length - 1];
  const parent = path[path.length - 2];
  if (!name || name.kind !== 'Name' || !parent || name.text === '') return undefined;
  const field = Object.entries(parent).find(([, v]) => v === name || (Array.isArray(v) && v.includes(name)))?.[0] ?? '';
  return { name, parent, field };
}

/** Every Name node in the module, in source order. */
export function allNames(module: Module): Name[] {
  const out: Name[] = [];
  const visit = (node: AnyNode): void => {
    if (node.kind === 'Name') {
      out.push(node);
      return;
    }
    for (const value of Object.values(node)) {
      for (const c of Array.isArray(value) ? value : [value]) if (isNode(c)) visit(c);
    }
  };
  visit(module);
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
