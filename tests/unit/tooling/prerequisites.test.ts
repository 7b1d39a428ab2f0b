import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headlessLaunchOptions, locateChromium } from '../../../electron/services/export/find-chromium.mjs';
import { missingPrerequisites, report } from '../../../scripts/check-prereqs.mjs';

/** A machine where exactly these files exist (and are executable). */
const machine = (...files: string[]) => {
  const set = new Set(files);
  return (file: string) => set.has(file);
};
const PLAYWRIGHT = '/home/u/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const playwrightPath = () => PLAYWRIGHT;
const LINUX_TOOLS = [
  ...['dcmdump', 'dcmconv', 'dcmcjpeg', 'dcmcjpls', 'gdcmconv', 'pdftotext', 'pdfinfo', 'unzip'].map(
    (t) => `/usr/bin/${t}`,
  ),
  '/usr/sbin/Orthanc',
  '/usr/share/orthanc/plugins/libOrthancDicomWeb.so',
];

describe('running Chromium headless', () => {
  it("keeps Chromium's sandbox for a user, and turns it off only as root or in a container, where it cannot start", () => {
    // Playwright turns the sandbox off unless chromiumSandbox is true.
    expect(headlessLaunchOptions({ uid: 1000, container: false }).chromiumSandbox).toBe(true);
    expect(headlessLaunchOptions({ uid: 0, container: false }).chromiumSandbox).toBe(false);
    expect(headlessLaunchOptions({ uid: 1000, container: true }).chromiumSandbox).toBe(false);
    expect(headlessLaunchOptions({ uid: 1000, container: false }).args).not.toContain('--no-sandbox');
    // Offline machines: nothing that reaches for the network on its own.
    expect(headlessLaunchOptions({ uid: 1000, container: false }).args).toEqual(
      expect.arrayContaining(['--disable-background-networking', '--disable-component-update']),
    );
  });
});

describe('finding Chromium', () => {
  it('takes BOARDPREP_CHROMIUM first, and only it when it is set', () => {
    const exists = machine('/opt/chrome/chrome', PLAYWRIGHT, '/usr/bin/chromium');
    expect(
      locateChromium({ env: { BOARDPREP_CHROMIUM: '/opt/chrome/chrome' }, platform: 'linux', exists, playwrightPath }),
    ).toEqual({
      path: '/opt/chrome/chrome',
      source: 'BOARDPREP_CHROMIUM',
    });
    // Set but wrong: say so rather than quietly use another browser.
    const wrong = locateChromium({
      env: { BOARDPREP_CHROMIUM: '/nowhere/chrome' },
      platform: 'linux',
      exists,
      playwrightPath,
    });
    expect(wrong).toEqual({
      path: null,
      problem: expect.stringContaining('BOARDPREP_CHROMIUM is set to /nowhere/chrome, which is not an executable file'),
    });
  });

  it("then Playwright's own browser where it is installed, then the system's", () => {
    expect(
      locateChromium({ env: {}, platform: 'linux', exists: machine(PLAYWRIGHT, '/usr/bin/chromium'), playwrightPath }),
    ).toEqual({
      path: PLAYWRIGHT,
      source: 'playwright',
    });
    // Playwright names a path, but nothing was downloaded there.
    expect(
      locateChromium({ env: {}, platform: 'linux', exists: machine('/usr/bin/chromium'), playwrightPath }),
    ).toEqual({
      path: '/usr/bin/chromium',
      source: 'system',
    });
    expect(
      locateChromium({
        env: { PATH: '/usr/local/bin:/usr/bin' },
        platform: 'linux',
        exists: machine('/usr/local/bin/chromium-browser'),
        playwrightPath: () => undefined,
      }),
    ).toEqual({ path: '/usr/local/bin/chromium-browser', source: 'system' });
  });

  it("knows Chrome's places on macOS and Windows", () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(
      locateChromium({ env: {}, platform: 'darwin', exists: machine(mac), playwrightPath: () => undefined }).path,
    ).toBe(mac);
    const win = path.win32.join('C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe');
    expect(
      locateChromium({
        env: { PROGRAMFILES: 'C:\\Program Files' },
        platform: 'win32',
        exists: machine(win),
        playwrightPath: () => undefined,
      }).path,
    ).toBe(win);
  });

  it('says what it tried and how to install it when there is none', () => {
    const none = locateChromium({ env: {}, platform: 'linux', exists: machine(), playwrightPath });
    expect(none.path).toBeNull();
    expect(none).toMatchObject({
      problem: expect.stringMatching(
        /none at \/usr\/bin\/chromium, .*apt-get install -y chromium.*npx playwright install chromium/,
      ),
    });
  });
});

describe('the prerequisite check', () => {
  const base = {
    env: { PATH: '/usr/bin:/usr/sbin' },
    platform: 'linux',
    playwrightPath: () => undefined,
    hasPydicom: () => true,
    hasNodeModules: () => true,
  };

  it('passes on a machine that has everything', () => {
    const all = machine('/usr/bin/chromium', ...LINUX_TOOLS);
    expect(missingPrerequisites({ ...base, exists: all, fileExists: all })).toEqual([]);
  });

  it('finds Orthanc where the test harness runs it: BOARDPREP_ORTHANC only when set, else Debian’s, else PATH', () => {
    const orthancLine = (env: Record<string, string>, ...files: string[]) => {
      const m = machine('/usr/bin/chromium', ...LINUX_TOOLS.filter((f) => !f.includes('Orthanc')), ...files);
      return missingPrerequisites({ ...base, env, exists: m, fileExists: m }).find((x) => x.name === 'Orthanc')?.line;
    };
    const plugin = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
    // Debian's binary is found with /usr/sbin off a user's PATH, as the harness runs it.
    expect(orthancLine({ PATH: '/usr/bin' }, '/usr/sbin/Orthanc', plugin)).toBeUndefined();
    expect(orthancLine({ PATH: '/usr/bin:/opt/orthanc/bin' }, '/opt/orthanc/bin/Orthanc', plugin)).toBeUndefined();
    expect(
      orthancLine({ PATH: '/usr/bin', BOARDPREP_ORTHANC: '/nowhere/Orthanc' }, '/usr/sbin/Orthanc', plugin),
    ).toMatch(/Orthanc \(\/nowhere\/Orthanc\) not found/);
    expect(orthancLine({ PATH: '/usr/bin' }, '/usr/sbin/Orthanc')).toMatch(
      /its DICOMweb plugin \(\/usr\/share\/orthanc\/plugins\/libOrthancDicomWeb\.so\) not found/,
    );
    expect(
      orthancLine(
        { PATH: '/usr/bin', BOARDPREP_ORTHANC_DICOMWEB: '/opt/orthanc/libOrthancDicomWeb.dylib' },
        '/usr/sbin/Orthanc',
        '/opt/orthanc/libOrthancDicomWeb.dylib',
      ),
    ).toBeUndefined();
  });

  it('names each missing prerequisite on one line with the command that installs it', () => {
    const missing = missingPrerequisites({
      ...base,
      exists: machine('/usr/bin/dcmdump', '/usr/bin/pdfinfo'),
      fileExists: machine(),
      hasPydicom: () => false,
      hasNodeModules: () => false,
    });
    expect(missing.map((m) => m.name)).toEqual([
      'npm packages',
      'Chromium',
      'DCMTK',
      'GDCM tools',
      'poppler',
      'unzip',
      'Orthanc',
      'pydicom',
    ]);
    const lines = report(missing, 'linux');
    expect(lines).toEqual([
      'Missing prerequisites for the tests (8):',
      '  - npm packages: not installed; run: npm ci',
      expect.stringMatching(/^ {2}- Chromium \(.*\): no Chromium found .*apt-get install -y chromium/),
      expect.stringMatching(
        /^ {2}- DCMTK \(.*\): dcmconv, dcmcjpeg, dcmcjpls not found; install: apt-get install -y dcmtk$/,
      ),
      expect.stringMatching(/^ {2}- GDCM tools \(.*\): gdcmconv not found; install: apt-get install -y libgdcm-tools$/),
      expect.stringMatching(/^ {2}- poppler \(.*\): pdftotext not found; install: apt-get install -y poppler-utils$/),
      expect.stringMatching(/^ {2}- unzip \(.*\): unzip not found; install: apt-get install -y unzip$/),
      expect.stringMatching(
        /^ {2}- Orthanc \(.*\): Orthanc \(\/usr\/sbin\/Orthanc or Orthanc on PATH\), its DICOMweb plugin \(.*\) not found; install: apt-get install -y orthanc orthanc-dicomweb$/,
      ),
      expect.stringMatching(
        /^ {2}- pydicom \(.*\): python3 cannot import pydicom; install: apt-get install -y python3-pydicom$/,
      ),
      'Debian/Ubuntu, all at once: sudo apt-get install -y chromium dcmtk libgdcm-tools poppler-utils unzip orthanc orthanc-dicomweb python3-pydicom',
      'More: README.md, "Tests".',
    ]);
  });

  it('gives the macOS way on a Mac', () => {
    const lines = report(
      missingPrerequisites({ ...base, platform: 'darwin', exists: machine(), hasPydicom: () => false }),
      'darwin',
    );
    expect(lines.join('\n')).toMatch(
      /brew install dcmtk[\s\S]*brew install gdcm[\s\S]*brew install poppler[\s\S]*pip3 install pydicom/,
    );
    expect(lines.join('\n')).not.toMatch(/apt-get/);
  });

  it('runs first in npm test and exits non-zero, naming what is missing', () => {
    const root = path.resolve(import.meta.dirname, '..', '..', '..');
    const pkg = JSON.parse(
      spawnSync(process.execPath, ['-p', 'JSON.stringify(require("./package.json").scripts)'], {
        cwd: root,
        encoding: 'utf8',
      }).stdout,
    );
    expect(pkg.test).toMatch(/^node scripts\/check-prereqs\.mjs && /);
    const r = spawnSync(process.execPath, ['scripts/check-prereqs.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: '/nonexistent', BOARDPREP_CHROMIUM: '/nowhere/chrome' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/BOARDPREP_CHROMIUM is set to \/nowhere\/chrome/);
    expect(r.stderr).toMatch(/DCMTK .*install: apt-get install -y dcmtk/);
  });
});
