/**
 * Vitest for the unit, property and fidelity suites (`tests/**\/*.test.ts`). Browser tests
 * under tests/e2e need a built site and Chromium, so they run in their own pass
 * (`npm run test:e2e`); `npm test` runs both.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', '**/node_modules/**'],
    // Simulator tests run in virtual time and should be quick; a test that needs longer
    // (the fidelity suite's live recording) sets its own hook timeout.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
