// Issue 12, item 6: review findings on POST /v1/simulate. An `at` outside the engine's
// range is a 400 at /at (it was a 500); an uploaded ticket naming a unit that is not its
// property's is refused with H105 as everywhere else; a pasted source is checked in the
// draft checker's worker, not on the event loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../server/index.js';
import { sharedDraftChecker } from '../../../server/draft-check-pool.js';
import { post, signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
let cookies: Record<string, Record<string, string>>;
let source: string;
const checked: number[] = [];

beforeAll(async () => {
  // The app's checker is the process's shared one: count the jobs it starts.
  sharedDraftChecker().on('start', (id: number) => checked.push(id));
  server = await startTestServer();
  cookies = await signInUsers(server, { ada: { role: 'admin' } });
  source = (await server.store.repository.activeVersion('jinxiu-garden'))!.source;
}, 60_000);
afterAll(() => server.close());

const simulate = (body: unknown) => post(`${server.url}/v1/simulate`, body, cookies['ada']);
const errorsOf = async (res: Response) => ((await res.json()) as Problem).errors;

describe('POST /v1/simulate (review findings)', () => {
  it.each(['0001-01-01T00:00:00Z', '2200-01-01T00:00:00Z', '9999-12-31T23:59:59+08:00'])('answers at %s with 400 at /at (H521), not 500', async (at) => {
    const res = await simulate({ property: 'jinxiu-garden', source, tickets: [ticket()], at });
    expect(res.status).toBe(400);
    expect(await errorsOf(res)).toEqual([expect.objectContaining({ pointer: '/at', code: 'H521' })]);
  });

  it('still simulates at the last supported instants', async () => {
    expect((await simulate({ property: 'jinxiu-garden', source, tickets: [ticket()], at: '2199-12-31T23:59:59Z' })).status).toBe(200);
  });

  it("refuses an uploaded ticket whose unit is another property's (H105 at its /unit), and takes one of its own", async () => {
    const res = await simulate({ property: 'jinxiu-garden', source, tickets: [ticket({ id: 'A' }), ticket({ id: 'B', unit: 'xinghe-tower/engineering' })] });
    expect(res.status).toBe(400);
    expect(await errorsOf(res)).toEqual([expect.objectContaining({ pointer: '/tickets/1/unit', code: 'H105' })]);
    expect((await simulate({ property: 'jinxiu-garden', source, tickets: [ticket({ id: 'A' })] })).status).toBe(200);
  });

  it("checks a pasted source in the draft checker's worker, and answers its mistakes with line and column (422)", async () => {
    const before = checked.length;
    const res = await simulate({ property: 'jinxiu-garden', source: source.replace('param resolve_urgent = 4h', 'param resolve_urgent = 4 hours please'), tickets: [ticket()] });
    expect(res.status).toBe(422);
    expect((await errorsOf(res))[0]).toMatchObject({ pointer: '/source' });
    expect(checked.length).toBe(before + 1);
  });
});
