// GET /v1/libraries: the calendars `use` names, as loaded at start, for the admin UI's
// checks in the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICIES, signInUsers, startTestServer, type TestServer } from '../app/helper.js';

describe('GET /v1/libraries', () => {
  let server: TestServer;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    viewer = (await signInUsers(server, { vic: { role: 'viewer', properties: ['xinghe-tower'] } }))['vic']!;
  });
  afterAll(() => server.close());

  it('answers every loaded library with its path and text', async () => {
    const res = await fetch(`${server.url}/v1/libraries`, { headers: viewer });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { libraries: { uri: string; text: string }[] };
    expect(body.libraries.map((l) => l.uri)).toEqual(['calendars/cn-holidays-2025.sla', 'calendars/cn-holidays-2026.sla']);
    expect(body.libraries[1]!.text).toBe(readFileSync(join(POLICIES, 'calendars/cn-holidays-2026.sla'), 'utf8'));
  });
});
