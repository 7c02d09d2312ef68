import { describe, expect, it } from 'vitest';
import { runTests } from '../../../admin-ui/src/panels/test-results/run-tests.js';
import { fixture, JINXIU, newProperty } from '../fixtures.js';

describe('runTests', () => {
  const jinxiu = fixture(JINXIU);

  it('runs every test of the shipped property and passes them all, each at its line', () => {
    const report = runTests(jinxiu.path, jinxiu.text, jinxiu.related);
    // 19 test blocks (the targets helper added the important platform complaint without a completion time): issue 11 added the blue boundary (2d23h59m), the phone complaint 15 days late,
    // the platform suggestion and the phone inquiry to the 14 before.
    expect(report.tests).toHaveLength(19);
    expect(report).toMatchObject({ passed: 19, failed: 0, problems: [] });
    expect(report.tests[0]).toMatchObject({ name: '紧急工程报修12分钟才联系：超过本项目10分钟时限', line: 27, passed: true });
  });

  it('reports a failing expectation at its own line with what was expected and what came out', () => {
    const text = jinxiu.text.replace('param contact_within = 30m', 'param contact_within = 20m');
    const report = runTests(jinxiu.path, text, jinxiu.related);
    expect(report.failed).toBeGreaterThan(0);
    const failing = report.tests.find((t) => t.name === '一般工程报修25分钟联系：在30分钟内');
    expect(failing).toMatchObject({ passed: false, line: 42, failures: [{ line: 53, expected: 'met', actual: 'breached' }] });
  });

  it('counts every test as failed, with the reason, when the policy cannot compile', () => {
    const f = newProperty('test "t" {\n  ticket {\n    category: engineering\n    priority: urgent\n    event received 2026-03-02T08:00+08:00\n  }\n  at 2026-03-02T09:00+08:00\n  expect warning none\n}\n');
    const report = runTests(f.path, f.text, f.related);
    expect(report.failed).toBe(1);
    expect(report.problems[0]).toMatchObject({ code: 'E101', line: 1 });
    expect(report.problems[0]?.message).toMatch(/^C602 .*review_within/);
    expect(report.tests[0]?.problems).toEqual(report.problems);
  });
});
