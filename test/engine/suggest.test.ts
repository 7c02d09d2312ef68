import { describe, expect, it } from 'vitest';
import { didYouMean, helpFor } from '../../engine/suggest.js';

describe('didYouMean', () => {
  it('suggests the candidate one typo away', () => {
    expect(didYouMean('acepted', ['contacted', 'accepted', 'resolved'])).toBe('accepted');
  });

  it('suggests a candidate that differs only in case', () => {
    expect(didYouMean('Onsite', ['contact', 'onsite'])).toBe('onsite');
  });

  it('prefers the closest of several plausible candidates', () => {
    expect(didYouMean('resolv', ['resolve', 'resolved'])).toBe('resolve');
  });

  it('offers nothing when every candidate is too far to be a typo', () => {
    expect(didYouMean('plumbing', ['engineering', 'cleaning', 'other'])).toBeUndefined();
  });

  it('allows one edit in a short name and about one in three in a long one', () => {
    expect(didYouMean('rd', ['red'])).toBe('red');
    expect(didYouMean('rx', ['red'])).toBeUndefined();
    expect(didYouMean('service_supervisr', ['service_supervisor'])).toBe('service_supervisor');
    expect(didYouMean('contact_within', ['complaint_contact_within'])).toBeUndefined();
  });

  it('never suggests the name itself', () => {
    expect(didYouMean('office', ['office'])).toBeUndefined();
  });

  it('offers nothing when there are no candidates', () => {
    expect(didYouMean('office', [])).toBeUndefined();
  });

  it('works on Chinese names', () => {
    expect(didYouMean('客服主任', ['客服主管', '项目经理'])).toBe('客服主管');
  });
});

describe('helpFor', () => {
  // The wording may change; what each help offers may not.
  it('offers the close candidate, quoted', () => {
    expect(helpFor('acepted', ['accepted', 'contacted'], 'events')).toContain("'accepted'");
  });

  it('says that nothing of the kind is declared when there are no candidates', () => {
    const help = helpFor('urgent', [], 'tiers');
    expect(help).toContain('tiers');
    expect(help).not.toContain('urgent');
  });

  it('lists the known names when none is close', () => {
    const help = helpFor('plumbing', ['engineering', 'cleaning'], 'categories');
    expect(help).toContain('engineering');
    expect(help).toContain('cleaning');
  });

  it('lists at most eight known names and marks the rest with an ellipsis', () => {
    const names = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7', 'h8', 'i9', 'j10'];
    const help = helpFor('zzzzzz', names, 'roles');
    expect(help).toContain('h8');
    expect(help).not.toContain('i9');
    expect(help).toContain('…');
  });

  it('accepts any iterable of candidates, such as the keys of a map', () => {
    const events = new Map([
      ['accepted', 1],
      ['resolved', 2],
    ]);
    expect(helpFor('resolvd', events.keys(), 'events')).toContain("'resolved'");
  });
});
