// The UI's API client against the real server (in-process): problem answers become typed
// errors with their code and pointers; a 401 is announced, except while signing in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, NetworkError, UnauthorisedError } from '../../../admin-ui/src/api/index.js';
import { startTestServer, type TestServer } from '../../server/app/helper.js';

describe('ApiClient', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('turns a 401 into an UnauthorisedError and announces it', async () => {
    const heard: UnauthorisedError[] = [];
    const api = new ApiClient({ base: server.url, onUnauthorised: (e) => heard.push(e) });
    const error = await api.organisations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorisedError);
    expect((error as ApiError).status).toBe(401);
    expect(heard).toEqual([error]);
  });

  it('does not announce a 401 from signing in: a wrong password is not an expired session', async () => {
    const heard: unknown[] = [];
    const api = new ApiClient({ base: server.url, onUnauthorised: (e) => heard.push(e) });
    await expect(api.login('nobody', 'wrong password here')).rejects.toBeInstanceOf(UnauthorisedError);
    await expect(api.me()).rejects.toBeInstanceOf(UnauthorisedError);
    expect(heard).toEqual([]);
  });

  it('gives a problem’s code, message and each mistake’s pointer', async () => {
    const api = new ApiClient({ base: server.url });
    const error = (await api.setup('', 'x', 'short').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid-request');
    expect(error.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/token', '/password']));
    expect(error.pointer).toMatch(/^\//);
  });

  it('answers null for a scope without an active version, and the version otherwise', async () => {
    const api = new ApiClient({ base: server.url, fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...server.auth } }) });
    // An API key may not read policies (403): the client passes that on as an ApiError.
    await expect(api.activePolicy('jinxiu-garden')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('reports an unreachable server as a NetworkError', async () => {
    const api = new ApiClient({ base: 'http://127.0.0.1:9' });
    await expect(api.organisations()).rejects.toBeInstanceOf(NetworkError);
  });
});
