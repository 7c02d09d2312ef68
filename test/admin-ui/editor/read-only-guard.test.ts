// The section guard against stand-ins for the Monaco editor and model: which edits it
// undoes, which it lets through, and when it makes the editor read-only.
import { describe, expect, it } from 'vitest';
import { ownerMessage, ReadOnlyGuard } from '../../../admin-ui/src/editor/read-only-guard.js';
import { parse } from '../../../grammar/index.js';
import { readOnlyRanges } from '../../../admin-ui/src/language/index.js';
import { GROUP } from '../language/fixtures.js';

class Pos {
  constructor(readonly offset: number) {}
}

function setup(text: string, role: 'manager' | 'quality') {
  let contentListener: (e: unknown) => void = () => undefined;
  let selectionListener: () => void = () => undefined;
  let ranges: unknown[] = [];
  let selection = { start: 0, end: 0 };
  const options: Record<string, unknown>[] = [];
  const undos: number[] = [];
  const model = {
    onDidChangeContent: (f: (e: unknown) => void) => ((contentListener = f), { dispose() {} }),
    getOffsetAt: (p: Pos) => p.offset,
    undo: () => undos.push(1),
    isDisposed: () => false,
  };
  const editor = {
    createDecorationsCollection: () => ({ set: (d: unknown[]) => (ranges = d), getRanges: () => [], clear: () => (ranges = []) }),
    onDidChangeCursorSelection: (f: () => void) => ((selectionListener = f), { dispose() {} }),
    getSelections: () => [{ getStartPosition: () => new Pos(selection.start), getEndPosition: () => new Pos(selection.end) }],
    updateOptions: (o: Record<string, unknown>) => options.push(o),
  };
  const monaco = { Range: class {}, editor: { TrackedRangeStickiness: { NeverGrowsWhenTypingAtEdges: 1 } } };
  const refused: string[] = [];
  const guard = new ReadOnlyGuard(monaco as never, editor as never, model as never, () => false, (m) => refused.push(m));
  guard.setRanges(readOnlyRanges(parse(text).value, role));
  return {
    guard,
    refused,
    undos,
    options,
    decorations: () => ranges,
    edit: (offset: number, length: number, flags: Record<string, boolean> = {}) => contentListener({ changes: [{ rangeOffset: offset, rangeLength: length }], ...flags }),
    select: (start: number, end = start) => {
      selection = { start, end };
      selectionListener();
    },
  };
}

const microtasks = () => new Promise((r) => setTimeout(r, 0));
const inWarning = GROUP.indexOf('notify supervisor');
const inClock = GROUP.indexOf('stop contacted');

describe('the read-only guard', () => {
  it("marks each foreign section with a hover naming its owner", () => {
    const g = setup(GROUP, 'manager');
    expect(g.decorations()).toHaveLength(2);
    expect((g.decorations()[0] as { options: { hoverMessage: { value: string } } }).options.hoverMessage.value).toBe(ownerMessage({ owner: 'quality', section: 'warning blue' }));
  });

  it("undoes a manager's keystroke inside a warning and says why", async () => {
    const g = setup(GROUP, 'manager');
    g.edit(inWarning, 1);
    await microtasks();
    expect(g.undos).toHaveLength(1);
    expect(g.refused[0]).toBe(ownerMessage({ owner: 'quality', section: 'warning blue' }));
  });

  it("lets a manager's keystroke in a clock through, and quality's in a warning", async () => {
    const manager = setup(GROUP, 'manager');
    manager.edit(inClock, 1);
    const quality = setup(GROUP, 'quality');
    quality.edit(inWarning, 1);
    await microtasks();
    expect(manager.undos).toHaveLength(0);
    expect(quality.undos).toHaveLength(0);
  });

  it('lets programmatic edits, undo and redo through', async () => {
    const g = setup(GROUP, 'manager');
    g.guard.bypass(() => g.edit(inWarning, 1));
    g.edit(inWarning, 1, { isUndoing: true });
    g.edit(inWarning, 1, { isRedoing: true });
    await microtasks();
    expect(g.undos).toHaveLength(0);
  });

  it('makes the editor read-only, with the owner message, while a cursor is in a foreign section', () => {
    const g = setup(GROUP, 'quality');
    g.select(inClock);
    expect(g.options.at(-1)).toEqual({ readOnly: true, readOnlyMessage: { value: ownerMessage({ owner: 'manager', section: 'clock contact' }) } });
    g.select(inWarning);
    expect(g.options.at(-1)).toEqual({ readOnly: false });
  });
});
