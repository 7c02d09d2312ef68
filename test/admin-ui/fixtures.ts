// The shipped policies as the admin UI receives them: the edited file's text
// and the related files (group, calendars) it extends and uses.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const read = (path: string): string => readFileSync(root + path, 'utf8');

export const GROUP = 'policies/group.sla';
/** Every calendar library the group uses (`use cn-holidays-2025, cn-holidays-2026`), read from the folder. */
export const CALENDARS = readdirSync(root + 'policies/calendars')
  .filter((name) => name.endsWith('.sla'))
  .sort()
  .map((name) => `policies/calendars/${name}`);
export const JINXIU = 'policies/properties/jinxiu-garden.sla';
export const XINGHE = 'policies/properties/xinghe-tower.sla';

export interface Fixture {
  path: string;
  text: string;
  related: { path: string; text: string }[];
}

export function fixture(path: string): Fixture {
  const related = [GROUP, ...CALENDARS].filter((p) => p !== path).map((p) => ({ path: p, text: read(p) }));
  return { path, text: read(path), related };
}

/** A new property that has filled nothing yet. */
export function newProperty(body = ''): Fixture {
  const text = `property new-estate "新项目" extends huayu-group\n${body}`;
  return { path: 'policies/properties/new-estate.sla', text, related: fixture(JINXIU).related };
}
