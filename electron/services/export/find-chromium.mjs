// Where Chromium is and how it runs headless, in one place: the prerequisite check (scripts/check-prereqs.mjs), the end-to-end tests
// (playwright.config.ts) and the PDF printer (pdf.ts) all ask here. Plain JavaScript with no dependencies, so the
// prerequisite check runs under bare Node before anything else is built or installed.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const CHROMIUM_ENV = 'BOARDPREP_CHROMIUM';

/**
 * Chromium's sandbox cannot start as root or in most containers, so it is turned off there only; a user's
 * workstation keeps it.
 */
export function sandboxUnavailable({
  uid = process.getuid?.(),
  container = existsSync('/.dockerenv') || existsSync('/run/.containerenv'),
} = {}) {
  return uid === 0 || container;
}

/**
 * How BoardPrep runs Chromium headless through Playwright (the PDF printer, the end-to-end tests and the scripts):
 * no GPU, and nothing that reaches for the network on its own (these are offline machines). Playwright adds
 * --headless itself, and --no-sandbox unless chromiumSandbox is true: so the sandbox is asked for explicitly.
 */
export function headlessLaunchOptions(where = {}) {
  return {
    chromiumSandbox: !sandboxUnavailable(where),
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

/** The launch options for this process. */
export const HEADLESS_LAUNCH_OPTIONS = headlessLaunchOptions();

/** How to install Chromium, per platform, for messages. */
export const CHROMIUM_INSTALL = {
  linux: 'apt-get install -y chromium (Debian/Ubuntu), or npx playwright install chromium',
  darwin: 'brew install --cask chromium, or install Google Chrome, or npx playwright install chromium',
  win32: 'install Google Chrome, or npx playwright install chromium',
};

/** The usual places of a system Chromium or Chrome, in the order they are tried. */
export function systemChromiumPaths(platform, env) {
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ...(env.HOME ? [path.posix.join(env.HOME, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome')] : []),
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return roots.flatMap((root) => [
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  const onPath = (env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .flatMap((dir) => ['chromium', 'chromium-browser'].map((name) => path.posix.join(dir, name)));
  const fixed = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ];
  return [...new Set([...fixed.slice(0, 2), ...onPath, ...fixed.slice(2)])];
}

/** An executable file (not a folder). */
export function isExecutableFile(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Where Playwright keeps its own Chromium (whether or not it is installed), or undefined without playwright-core. */
export function playwrightChromiumPath() {
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    return chromium.executablePath() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Chromium for headless use: BOARDPREP_CHROMIUM when set (and then only it), else Playwright's own installed browser
 * where there is one, else the system's. Returns { path, source } or { path: null, problem } with a message that
 * says what was tried and how to install it. Everything it reads can be injected, for tests.
 */
export function locateChromium({
  env = process.env,
  platform = process.platform,
  exists = isExecutableFile,
  playwrightPath = playwrightChromiumPath,
} = {}) {
  const install = CHROMIUM_INSTALL[platform] ?? CHROMIUM_INSTALL.linux;
  const chosen = env[CHROMIUM_ENV]?.trim();
  if (chosen) {
    if (exists(chosen)) return { path: chosen, source: CHROMIUM_ENV };
    return {
      path: null,
      problem: `${CHROMIUM_ENV} is set to ${chosen}, which is not an executable file: point ${CHROMIUM_ENV} at a Chromium or Chrome binary, or unset it.`,
    };
  }
  const ownBrowser = playwrightPath();
  if (ownBrowser && exists(ownBrowser)) return { path: ownBrowser, source: 'playwright' };
  const system = systemChromiumPaths(platform, env);
  const found = system.find(exists);
  if (found) return { path: found, source: 'system' };
  return {
    path: null,
    problem: `no Chromium found (${CHROMIUM_ENV} not set, no Playwright browser installed, none at ${system.slice(0, 3).join(', ')}${system.length > 3 ? ', ...' : ''}). Install it: ${install}; or set ${CHROMIUM_ENV} to a Chromium or Chrome binary.`,
  };
}
