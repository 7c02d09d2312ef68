import { describe, expect, it } from 'vitest';
import { answer, quickFixes, suggestionOf } from '../../../admin-ui/src/language/index.js';
import { PROPERTY, PROPERTY_PATH, RELATED } from './fixtures.js';

describe('quick fixes', () => {
  it("reads the suggestion out of a did-you-mean help", () => {
    expect(suggestionOf("Did you mean 'contacted'?")).toBe('contacted');
    expect(suggestionOf('did you mean `onsite`?')).toBe('onsite');
    expect(suggestionOf('Choose from: a, b.')).toBeUndefined();
    expect(suggestionOf(undefined)).toBeUndefined();
  });

  it("replaces a mistyped event with the engine's suggestion, and the fixed text checks clean", () => {
    const typo = PROPERTY.replace('event accepted', 'event acepted');
    const { markers } = answer({ seq: 1, path: PROPERTY_PATH, text: typo, related: RELATED, locale: 'en', role: 'admin' });
    const fixes = quickFixes(markers, (name) => `Change to ${name}`);
    expect(fixes).toHaveLength(1);
    expect(fixes[0]?.title).toBe('Change to accepted');
    const edit = fixes[0]!.edit;
    const lines = typo.split('\n');
    const line = lines[edit.startLine - 1] as string;
    lines[edit.startLine - 1] = line.slice(0, edit.startColumn - 1) + edit.text + line.slice(edit.endColumn - 1);
    expect(lines.join('\n')).toBe(PROPERTY);
    expect(answer({ seq: 2, path: PROPERTY_PATH, text: lines.join('\n'), related: RELATED, locale: 'en', role: 'admin' }).markers.filter((m) => m.severity === 'error')).toEqual([]);
  });
});
