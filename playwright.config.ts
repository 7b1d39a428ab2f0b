import { defineConfig } from '@playwright/test';
import { HEADLESS_LAUNCH_OPTIONS, locateChromium } from './electron/services/export/find-chromium.mjs';

/**
 * BOARDPREP_CHROMIUM, else Playwright's own browser where it is installed, else the system's (find-chromium.mjs).
 * None found: left to Playwright, whose launch error names the browser it wanted (npm test checks first).
 */
const chromium = locateChromium();
const executablePath = chromium.path ?? undefined;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      ...HEADLESS_LAUNCH_OPTIONS,
    },
  },
});
