import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run many cases; the default 5 s is too tight on a loaded 2-core CI box.
    testTimeout: 60_000,
    // Hooks start servers on in-memory PGlite (a second or two each, far more on a loaded box).
    hookTimeout: 60_000,
  },
});
