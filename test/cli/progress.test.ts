import { describe, expect, it } from 'vitest';
import type { Io } from '../../cli/io.js';
import { ProgressLine } from '../../cli/progress.js';

function terminal(errIsTTY: boolean, lang: Io['lang'] = 'en'): Io & { text: () => string } {
  let err = '';
  return { cwd: '.', out: () => undefined, err: (t) => void (err += t), errIsTTY, lang, text: () => err };
}

describe('ProgressLine', () => {
  it('on a terminal, draws items done, rate and time left in place, and clears the line at the end', () => {
    let now = 0;
    const io = terminal(true);
    const line = new ProgressLine(io, 'tickets', () => now);
    now = 2000;
    line.update(50_000, 0.25);
    expect(io.text()).toBe('\r\x1b[K… 50,000 tickets, 25,000/s, about 6 s left');
    line.end();
    expect(io.text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('redraws at most four times a second', () => {
    let now = 0;
    const io = terminal(true);
    const line = new ProgressLine(io, 'rows', () => now);
    now = 1000;
    line.update(10);
    now = 1100;
    line.update(20);
    expect(io.text().match(/\r/g)?.length).toBe(1);
    now = 1300;
    line.update(30);
    expect(io.text()).toContain('30 rows');
  });

  it('says nothing when standard error is not a terminal (piped, logged)', () => {
    let now = 0;
    const io = terminal(false);
    const line = new ProgressLine(io, 'tickets', () => now);
    now = 5000;
    line.update(1000, 0.5);
    line.end();
    expect(io.text()).toBe('');
  });

  it('speaks Chinese under a Chinese locale', () => {
    let now = 0;
    const io = terminal(true, 'zh');
    const line = new ProgressLine(io, 'tickets', () => now);
    now = 60_000;
    line.update(600_000, 0.5);
    expect(io.text()).toContain('已处理 600,000 张工单，每秒 10,000，约剩 1 分 0 秒');
  });
});
