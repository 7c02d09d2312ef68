// Checking the same files again and again, as the policy editor does on every
// keystroke: each file keeps its incremental parser (grammar's incrementalParser),
// so an edit re-parses the declarations it touched, and the files the open one
// extends, handed over unchanged each time, are not re-parsed at all. The checks
// themselves run in full: their answers are the same as checkSources without it.
import { incrementalParser, type IncrementalParser } from '../grammar/index.js';
import type { ParseSource } from './workspace.js';

/** Files remembered at most; the least recently checked is forgotten first. */
const MAX_FILES = 64;

/** A `parse` option for checkSources/checkText that remembers each file (by uri) between calls. Keep one per editor. */
export function incrementalParsing(): ParseSource {
  const parsers = new Map<string, IncrementalParser>();
  return (source) => {
    let parser = parsers.get(source.uri);
    if (parser) {
      parsers.delete(source.uri);
    } else {
      parser = incrementalParser();
      if (parsers.size >= MAX_FILES) parsers.delete(parsers.keys().next().value as string);
    }
    parsers.set(source.uri, parser);
    return parser.parse(source.text);
  };
}
