// Households for evaluation come from the property's store record, and follow its changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationInput } from '../../server/property-input.js';
import { startTestServer, type TestServer } from './app/helper.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => server?.close());

describe('the property record with the active policy', () => {
  it('carries the store’s households, and the new count after an admin changes it', async () => {
    const policies = server.app.locals.policies;
    expect(evaluationInput(await policies.forProperty('jinxiu-garden'))).toEqual({ property: { id: 'jinxiu-garden', households: 1860 } });
    await server.store.repository.updateProperty('jinxiu-garden', { households: 2100 });
    expect((await policies.forProperty('jinxiu-garden')).property).toEqual({ id: 'jinxiu-garden', households: 2100 });
  });
});
