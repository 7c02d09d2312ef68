import { openPgMem, withNotifications } from '../../../server/store/index.js';
import { repositorySuite } from './repository.suite.js';

repositorySuite({
  name: 'pg-mem',
  undoesSchemaChanges: false,
  async fresh() {
    const db = withNotifications(openPgMem());
    return { db, second: async () => db, dispose: () => db.close() };
  },
});
