import { defineConfig } from '@playwright/test';
import { HEADLESS_CHROMIUM_ARGS } from './electron/services/export/pdf';

/** Debian's Chromium (apt-get install chromium); Playwright's own browser download is not available offline. */
const executablePath = process.env.BOARDPREP_CHROMIUM ?? '/usr/bin/chromium';

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
      args: HEADLESS_CHROMIUM_ARGS,
    },
  },
});
