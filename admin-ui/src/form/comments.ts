// The writer's own words around a declaration: the comment lines just above it
// (in the group policy these cite the rule book: "000 三.2 … 应在[X]小时内 …"),
// and the comment at the end of its line.
import type { Declaration } from '../../../grammar/index.js';
import type { ModuleFile } from '../../../engine/index.js';

interface FileComments {
  /** Comments alone on their line, by line. */
  ownLine: Map<number, string>;
  /** Comments after code, by line. */
  trailing: Map<number, string>;
}

const byFile = new WeakMap<ModuleFile['parsed'], FileComments>();

function commentsOf(file: ModuleFile): FileComments {
  const known = byFile.get(file.parsed);
  if (known) return known;
  const found: FileComments = { ownLine: new Map(), trailing: new Map() };
  const source = file.parsed.source;
  for (const tok of file.parsed.comments) {
    const at = source.position(tok.startOffset);
    const text = tok.image.replace(/^\/\/\s?/, '').trimEnd();
    const before = source.line(at.line).slice(0, at.column - 1);
    (before.trim() === '' ? found.ownLine : found.trailing).set(at.line, text);
  }
  byFile.set(file.parsed, found);
  return found;
}

/**
 * The comment lines directly above a declaration, top first. A declaration
 * with none that follows a sibling of the same kind on the line just above
 * shares that sibling's (`param resolve_urgent` and `param resolve_important`
 * under one comment).
 */
export function clauseOf(file: ModuleFile, decl: Declaration): string[] {
  const { ownLine } = commentsOf(file);
  const lines: string[] = [];
  for (let line = decl.range.start.line - 1; ownLine.has(line); line--) lines.unshift(ownLine.get(line) as string);
  if (lines.length > 0) return lines;
  const decls = file.module.declarations;
  const previous = decls[decls.indexOf(decl) - 1];
  if (previous && previous.kind === decl.kind && previous.range.end.line === decl.range.start.line - 1) return clauseOf(file, previous);
  return [];
}

/** The comment at the end of the line where a node ends, if any. */
export function noteOf(file: ModuleFile, endLine: number): string | undefined {
  return commentsOf(file).trailing.get(endLine);
}
