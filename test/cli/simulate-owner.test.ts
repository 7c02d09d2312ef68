import { describe, expect, it } from 'vitest';
import { generateTickets } from '../../bench/sample/generate-tickets.js';
import fc from 'fast-check';
import { ANY_OWNER, ownerOf, ownerOfBytes, ownerOfLine, shardsByIssue } from '../../cli/simulate-owner.js';
import type { CompiledPolicy, Ticket } from '../../engine/index.js';

const tickets = [...generateTickets({ count: 4000, seed: 5, from: '2026-01-01', months: 2 })];

function spread(list: Ticket[], shards: number, byIssue: boolean): number[] {
  const counts = new Array<number>(shards).fill(0);
  for (const t of list) counts[ownerOf(t, shards, byIssue)]!++;
  return counts;
}

describe('ownerOf', () => {
  it('gives every ticket of a property and issueKey to one worker', () => {
    const owners = new Map<string, Set<number>>();
    for (const t of tickets.filter((x) => x.issueKey)) {
      const key = `${t.property}/${t.issueKey}`;
      if (!owners.has(key)) owners.set(key, new Set());
      owners.get(key)!.add(ownerOf(t, 4, true));
    }
    expect([...owners.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('spreads the tickets of one property over every worker when share() and repeats look within an issueKey', () => {
    const one = tickets.filter((t) => t.property === tickets[0]!.property && t.issueKey);
    expect(one.length).toBeGreaterThan(150);
    for (const n of spread(one, 4, true)) expect(n).toBeGreaterThan(one.length / 8);
  });

  it('keeps a property on one worker when a share() counts by another field', () => {
    const one = tickets.filter((t) => t.property === tickets[0]!.property);
    expect(spread(one, 4, false).filter((n) => n > 0)).toHaveLength(1);
  });

  it('leaves a ticket without an issueKey to any worker when sharding by issueKey, and to its property\'s otherwise', () => {
    // It meets no other ticket then: the worker dealing it evens out the workers (simulate-worker.ts).
    const bare = tickets.slice(0, 400).map(({ issueKey: _, ...t }) => t as Ticket);
    for (const t of [...bare, { ...bare[0]!, issueKey: '' }]) {
      expect(ownerOf(t, 2, true)).toBe(ANY_OWNER);
      expect(ownerOf(t, 2, false)).toBeGreaterThanOrEqual(0);
    }
  });

  it('puts everything on the one worker there is', () => {
    expect(spread(tickets.slice(0, 50), 1, true)).toEqual([50]);
  });
});

/** JSON text of a value with the given spacing, every non-ASCII character (and, with `escape`, every letter p) as a \\u escape. */
function spaced(value: unknown, gap: string, escape: boolean): string {
  if (Array.isArray(value)) return `[${gap}${value.map((v) => spaced(v, gap, escape)).join(`${gap},${gap}`)}${gap}]`;
  if (value !== null && typeof value === 'object') {
    return `{${gap}${Object.entries(value).map(([k, v]) => `${spaced(k, gap, escape)}${gap}:${gap}${spaced(v, gap, escape)}`).join(`${gap},${gap}`)}${gap}}`;
  }
  if (typeof value === 'string') {
    const text = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return escape ? text.replace(/p/g, '\\u0070') : text;
  }
  return JSON.stringify(value);
}

describe('shardsByIssue', () => {
  const policy = (shareFields: string[], caseFields?: string[]) => ({ shareFields, repeats: caseFields ? { caseFields } : undefined }) as unknown as CompiledPolicy;

  it('shards by issueKey when every share() counts by it and every repeat case includes it', () => {
    expect(shardsByIssue([policy(['issueKey'], ['issueKey', 'household']), policy([], ['household', 'issueKey'])])).toBe(true);
    expect(shardsByIssue([policy(['issueKey']), policy([])])).toBe(true);
  });

  it('keeps a property on one worker when a repeat case or a share() looks across issueKeys', () => {
    // A case of the household alone meets the household's tickets of every issueKey.
    expect(shardsByIssue([policy(['issueKey'], ['issueKey', 'household']), policy(['issueKey'], ['household'])])).toBe(false);
    expect(shardsByIssue([policy(['household'])])).toBe(false);
  });
});

describe('ownerOfLine', () => {
  const owners = (line: string, shards: number, byIssue: boolean) => [ownerOfLine(line, shards, byIssue), ownerOf(JSON.parse(line) as Ticket, shards, byIssue)];

  it('finds the owner from the text of a compact line without parsing it', () => {
    for (const t of tickets.slice(0, 300)) {
      for (const byIssue of [false, true]) {
        const [fromText, parsed] = owners(JSON.stringify(t), 4, byIssue);
        expect(fromText).toBe(parsed);
      }
    }
  });

  it('gives the owner of the parsed ticket whatever the spacing and escapes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: tickets.length - 1 }), fc.constantFrom('', ' ', '\t', ' \r\n '), fc.boolean(), fc.boolean(), fc.constantFrom(2, 3, 4), (i, gap, escape, byIssue, shards) => {
        const line = spaced(tickets[i], gap, escape);
        const [fromText, parsed] = owners(line, shards, byIssue);
        expect(fromText).toBe(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the last of a repeated field, escaped names, and no field of a nested object', () => {
    const t = tickets[0] as Ticket;
    const lines = [
      `{"property":"elsewhere","issueKey":7,${JSON.stringify(t).slice(1, -1)},"property":"last-one"}`,
      `{"prop\\u0065rty":"escaped-name","id":"A-1","issueKey":"k\\"e\\\\y"}`,
      `{"events":[{"property":"nested","note":"a } and a \\" and a ["}],"property":"top","id":"A-2","issueKey":""}`,
      `{"id":"A-3","issueKey":null,"property":"p","deadlines":{"issueKey":"x"}}`,
      `{"property":"first","kind":"property","id":"A-4","events":[],"issueKey":"late","property":"second"}`,
    ];
    for (const line of lines) for (const byIssue of [false, true]) for (const shards of [2, 3, 5]) expect(ownerOfLine(line, shards, byIssue)).toBe(ownerOf(JSON.parse(line) as Ticket, shards, byIssue));
  });

  it('cannot tell (-1) on a line that is no JSON object, and puts everything on the one worker there is', () => {
    for (const line of ['[1,2]', '"text"', '{not json', '{"id":"x" "property":"p"}', '{"property":']) expect(ownerOfLine(line, 2, false)).toBe(-1);
    expect(ownerOfLine('{not json', 1, true)).toBe(0);
  });
});

describe('ownerOfBytes', () => {
  /** The owner read from the line's bytes, placed inside other lines as the worker reads them. */
  const fromBytes = (line: string, shards: number, byIssue: boolean) => {
    const before = Buffer.from('{"property":"before"}\n');
    const bytes = Buffer.concat([before, Buffer.from(line), Buffer.from('\r\n{"property":"after"}\n')]);
    return ownerOfBytes(bytes, before.length, before.length + Buffer.byteLength(line), shards, byIssue);
  };

  it('gives the owner of the parsed ticket on every plain line, whatever its spacing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: tickets.length - 1 }), fc.constantFrom('', ' ', '\t', ' \r\n '), fc.boolean(), fc.constantFrom(2, 3, 4), (i, gap, byIssue, shards) => {
        const line = spaced(tickets[i], gap, false);
        expect(fromBytes(line, shards, byIssue)).toBe(ownerOf(JSON.parse(line) as Ticket, shards, byIssue));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same owner or leaves the line to the text scan (-1) on escapes, other scripts and repeated fields', () => {
    const t = tickets[0] as Ticket;
    const lines = [
      `{"property":"elsewhere","issueKey":7,${JSON.stringify(t).slice(1, -1)},"property":"last-one"}`,
      `{"prop\\u0065rty":"escaped-name","id":"A-1","issueKey":"k"}`,
      `{"events":[{"property":"nested","note":"a } and a ["}],"property":"top","id":"A-2","issueKey":""}`,
      `{"id":"A-3","issueKey":null,"property":"p","deadlines":{"issueKey":"x"}}`,
      `{"property":"first","kind":"property","id":"A-4","events":[],"issueKey":"late","property":"second"}`,
      `{"property":"锦绣花园","id":"A-5","issueKey":"电梯"}`,
      `{"property":"p","id":"A-6","issueKey":"电梯","note":"所有"}`,
      `{"property":"p","id":"编号","issueKey":""}`,
      // The scan stops once the rest of a line can change nothing it reads: an escaped or a
      // repeated field after that point must still be found.
      `{"property":"north","id":"A-7","issueKey":"k","note":"x","prop\\u0065rty":"south"}`,
      `{"property":"north","id":"A-8","issueKey":"k","events":[{"issueKey":"nested"}],"issueKey":"k2"}`,
      `{"property":"north","id":"A-9","issueKey":"k","events":[{"property":"nested"}],"property":"south"}`,
      `{"id":"A-10","property":"north","events":[],"issueKey":"late"}`,
      `{"id":"A-11","property":"north","events":[],"id":"A-12"}`,
      // A name is searched for by its letters and closing quote: a text that ends in those
      // letters (no opening quote before them) must not hide the field that comes after it.
      `{"property":"north","id":"A-13","note":"aproperty","events":[],"property":"south"}`,
      `{"id":"A-14","property":"north","note":"paid","events":[],"id":"A-15"}`,
      `{"property":"north","id":"A-16","issueKey":"k","note":"the issueKey","events":[],"issueKey":"k2"}`,
    ];
    for (const line of lines) {
      for (const byIssue of [false, true]) {
        for (const shards of [2, 3, 5]) {
          const owner = fromBytes(line, shards, byIssue);
          if (owner !== -1) expect(owner).toBe(ownerOf(JSON.parse(line) as Ticket, shards, byIssue));
        }
      }
    }
    expect(fromBytes(lines[0]!, 3, true)).not.toBe(-1);
    expect(fromBytes(lines[6]!, 3, false)).not.toBe(-1);
    expect(fromBytes(lines[1]!, 3, false)).toBe(-1);
    expect(fromBytes(lines[5]!, 3, false)).toBe(-1);
    expect(fromBytes(lines[8]!, 3, false)).toBe(-1);
    expect(fromBytes(lines[9]!, 3, true)).toBe(ownerOf(JSON.parse(lines[9]!) as Ticket, 3, true));
    expect(fromBytes(lines[10]!, 3, false)).toBe(ownerOf(JSON.parse(lines[10]!) as Ticket, 3, false));
    for (const shards of [2, 3, 5]) {
      expect(fromBytes(lines[11]!, shards, true)).toBe(ownerOf(JSON.parse(lines[11]!) as Ticket, shards, true));
      expect(fromBytes(lines[12]!, shards, true)).toBe(ownerOf(JSON.parse(lines[12]!) as Ticket, shards, true));
      for (const line of lines.slice(13, 16)) for (const byIssue of [false, true]) expect(fromBytes(line, shards, byIssue)).toBe(ownerOf(JSON.parse(line) as Ticket, shards, byIssue));
    }
  });

  it('cannot tell (-1) on a blank line or one that is no JSON object', () => {
    for (const line of ['', '   ', '[1,2]', '"text"', '{not json', '{"property":']) expect(fromBytes(line, 2, false)).toBe(-1);
  });

  it('steps over escapes in texts the owner does not read, and leaves escapes in what it reads to the text scan', () => {
    // Python's json.dumps writes every non-ASCII character as an escape: such lines stay on the byte scan.
    for (const t of tickets.slice(0, 200)) {
      const line = spaced({ ...t, household: '3号楼-1201', note: 'a "quoted" } and ] and \\' }, ' ', false);
      expect(line).toContain('\\u53f7');
      for (const byIssue of [false, true]) expect(fromBytes(line, 3, byIssue)).toBe(ownerOf(JSON.parse(line) as Ticket, 3, byIssue));
    }
    const nested = `{"events":[{"note":"a \\" } ] and \\\\"}],"property":"top","id":"A-1"}`;
    expect(fromBytes(nested, 3, false)).toBe(ownerOf(JSON.parse(nested) as Ticket, 3, false));
    for (const line of [`{"property":"n\\u006frth","id":"A-2"}`, `{"property":"north","issueKey":"k\\u0032","id":"A-4"}`]) {
      expect(fromBytes(line, 3, true)).toBe(-1);
    }
    // Sharding by issueKey, the id is not read: a ticket without an issueKey goes to any worker.
    expect(fromBytes(`{"property":"north","id":"A-\\u0033","events":[]}`, 3, true)).toBe(ANY_OWNER);
  });

  it('reads the lines of one segment in order as it reads each alone', () => {
    // The worker scans a segment's lines in order, and the scan keeps where it last found a
    // backslash or a field's name in that segment: a line must not borrow the line before's.
    const lines = [
      `{"property":"north","id":"B-1","issueKey":"k","events":[]}`,
      `{"property":"north","id":"B-2","issueKey":"k","events":[],"property":"south"}`,
      `{"property":"north","id":"B-3","issueKey":"k","note":"a\\tb"}`,
      `{"property":"north","id":"B-4","issueKey":"k","events":[],"issueKey":"k2"}`,
      `{"property":"south","id":"B-5","issueKey":"k2","events":[]}`,
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 1 }), fc.boolean(), fc.constantFrom(2, 3, 5), (chosen, byIssue, shards) => {
        const bytes = Buffer.from(`${chosen.join('\n')}\n`);
        // Twice over, the second pass going back to the segment's start; nothing else scanned between.
        const owners: number[] = [];
        for (let pass = 0; pass < 2; pass++) {
          let start = 0;
          for (const line of chosen) {
            const end = start + Buffer.byteLength(line);
            owners.push(ownerOfBytes(bytes, start, end, shards, byIssue));
            start = end + 1;
          }
        }
        const alone = chosen.map((line) => fromBytes(line, shards, byIssue));
        expect(owners).toEqual([...alone, ...alone]);
        chosen.forEach((line, i) => {
          if (alone[i] !== -1) expect(alone[i]).toBe(ownerOf(JSON.parse(line) as Ticket, shards, byIssue));
        });
      }),
    );
  });
});
