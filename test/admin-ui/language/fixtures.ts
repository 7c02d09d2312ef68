// A small group and a property extending it, for the language-service tests.
import type { RelatedFile } from '../../../admin-ui/src/language/index.js';

export const GROUP_PATH = 'policies/group.sla';
export const PROPERTY_PATH = 'policies/properties/demo.sla';

export const GROUP = `group demo-group "演示集团"
categories { engineering "工程维修", cleaning "保洁服务" }
tiers { urgent "紧急", general "一般" }
events { accepted "接单", contacted "联系", resolved "完成" }
roles { supervisor "客服主管" }
param contact_within "接单后联系时限": duration = [X]
clock contact "联系报事人" {
  start accepted
  stop contacted
  target {
    *: contact_within
    */urgent: 15m
  }
}
warning blue "蓝色预警" {
  when overdue(contact) >= 1h
  notify supervisor
}
penalties { blue 0.2 points }
`;

export const PROPERTY = `property demo "演示花园" extends demo-group
param contact_within = 30m
clock contact {
  target {
    engineering/urgent: 10m
  }
}
test "紧急报修" {
  ticket {
    category: engineering
    priority: urgent
    event accepted 2026-03-02T08:00+08:00
  }
  at 2026-03-02T09:00+08:00
  expect contact breached
}
`;

export const RELATED: RelatedFile[] = [{ path: GROUP_PATH, text: GROUP }];

/** Line and column (1-based) of the `occurrence`-th match of `needle`, plus `shift` characters. */
export function at(text: string, needle: string, shift = 0, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' not found`);
  }
  const offset = index + shift;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
