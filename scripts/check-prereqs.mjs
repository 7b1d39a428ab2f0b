#!/usr/bin/env node
// Before any test runs (npm test runs this first): names each missing prerequisite on one line, with the command
// that installs it, and exits 1. Plain Node with no dependencies, so it works on a fresh clone before anything else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExecutableFile, locateChromium } from '../electron/services/export/find-chromium.mjs';
import { findOnPath, locateOrthanc } from './locate-orthanc.mjs';

const root = path.resolve(import.meta.dirname, '..');

/**
 * What the tests need besides npm packages: the tools that cross-check our DICOM reading and our exported files.
 * `tools` are the executables looked for on PATH; `install` is per platform.
 */
export const TOOLS = [
  {
    name: 'DCMTK',
    tools: ['dcmdump', 'dcmconv', 'dcmcjpeg', 'dcmcjpls'],
    why: 'reads DICOM independently of our parser, and makes the compressed test files',
    install: {
      linux: 'apt-get install -y dcmtk',
      darwin: 'brew install dcmtk',
      win32: 'install DCMTK (dicom.offis.de/dcmtk) and put its bin folder on PATH',
    },
  },
  {
    name: 'GDCM tools',
    tools: ['gdcmconv'],
    why: 'makes the JPEG 2000 and JPEG-LS near-lossless test files',
    install: {
      linux: 'apt-get install -y libgdcm-tools',
      darwin: 'brew install gdcm',
      win32: 'install GDCM (github.com/malaterre/GDCM/releases) and put its bin folder on PATH',
    },
  },
  {
    name: 'poppler',
    tools: ['pdftotext', 'pdfinfo'],
    why: 'reads the exported PDFs back',
    install: {
      linux: 'apt-get install -y poppler-utils',
      darwin: 'brew install poppler',
      win32: 'choco install poppler',
    },
  },
  {
    name: 'unzip',
    tools: ['unzip'],
    why: 'opens the exported PPTX files',
    install: { linux: 'apt-get install -y unzip', darwin: 'xcode-select --install', win32: 'choco install unzip' },
  },
  {
    name: 'Orthanc',
    tools: ['Orthanc'],
    // Found as the harness finds it (scripts/locate-orthanc.mjs), not only on PATH, with its plugin.
    absent: (where) => {
      const o = locateOrthanc(where);
      return [
        ...(o.binary ? [] : [`Orthanc (${o.expected.binary})`]),
        ...(o.plugin ? [] : [`its DICOMweb plugin (${o.expected.plugin})`]),
      ];
    },
    why: 'a real PACS (with its DICOMweb plugin) for the PACS tests and benchmark',
    install: {
      linux: 'apt-get install -y orthanc orthanc-dicomweb',
      darwin: 'install Orthanc and its DICOMweb plugin (orthanc.uclouvain.be) and put Orthanc on PATH',
      win32: 'install Orthanc and its DICOMweb plugin (orthanc.uclouvain.be) and put Orthanc.exe on PATH',
    },
  },
];

const PYDICOM_INSTALL = {
  linux: 'apt-get install -y python3-pydicom',
  darwin: 'pip3 install pydicom',
  win32: 'pip install pydicom',
};
/** Debian's package for each prerequisite, for the one line that installs them all. */
const DEBIAN = {
  Chromium: 'chromium',
  DCMTK: 'dcmtk',
  'GDCM tools': 'libgdcm-tools',
  poppler: 'poppler-utils',
  unzip: 'unzip',
  pydicom: 'python3-pydicom',
  Orthanc: 'orthanc orthanc-dicomweb',
};

/** An executable of this name on PATH (with .exe on Windows). */
export function onPath(tool, where = {}) {
  return findOnPath(tool, where) !== null;
}

/** Debian's python3 (where apt-get installs python3-pydicom, and what the benchmark runs), else python3 on PATH. */
export function pythonHasPydicom({ platform = process.platform, run = spawnSync } = {}) {
  const pythons = platform === 'win32' ? ['python'] : ['/usr/bin/python3', 'python3'];
  return pythons.some((py) => run(py, ['-c', 'import pydicom'], { stdio: 'ignore' }).status === 0);
}

/**
 * Every missing prerequisite as { name, line }; `line` says what is missing, why, and the install command.
 * Everything it reads can be injected, for tests.
 */
export function missingPrerequisites({
  env = process.env,
  platform = process.platform,
  exists = isExecutableFile,
  playwrightPath,
  hasPydicom = () => pythonHasPydicom({ platform }),
  hasNodeModules = () => existsSync(path.join(root, 'node_modules', 'vitest', 'package.json')),
  fileExists = existsSync,
} = {}) {
  const os = ['linux', 'darwin', 'win32'].includes(platform) ? platform : 'linux';
  const missing = [];
  if (!hasNodeModules()) missing.push({ name: 'npm packages', line: 'npm packages: not installed; run: npm ci' });
  const chromium = locateChromium({ env, platform, exists, ...(playwrightPath ? { playwrightPath } : {}) });
  if (chromium.path === null) {
    missing.push({ name: 'Chromium', line: `Chromium (end-to-end tests and PDF export): ${chromium.problem}` });
  }
  for (const t of TOOLS) {
    const absent = t.absent
      ? t.absent({ env, platform, exists, fileExists })
      : t.tools.filter((tool) => !onPath(tool, { env, platform, exists }));
    if (absent.length)
      missing.push({
        name: t.name,
        line: `${t.name} (${t.why}): ${absent.join(', ')} not found; install: ${t.install[os]}`,
      });
  }
  if (!hasPydicom()) {
    missing.push({
      name: 'pydicom',
      line: `pydicom (an independent DICOM reader for cross-checks): python3 cannot import pydicom; install: ${PYDICOM_INSTALL[os]}`,
    });
  }
  return missing;
}

/** The report: one line per missing prerequisite, then on Linux the one apt-get line for all of them. */
export function report(missing, platform = process.platform) {
  if (!missing.length) return [];
  const debs = missing.map((m) => DEBIAN[m.name]).filter(Boolean);
  return [
    `Missing prerequisites for the tests (${missing.length}):`,
    ...missing.map((m) => `  - ${m.line}`),
    ...(platform === 'linux' && debs.length
      ? [`Debian/Ubuntu, all at once: sudo apt-get install -y ${debs.join(' ')}`]
      : []),
    'More: README.md, "Tests".',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = report(missingPrerequisites());
  if (lines.length) {
    for (const l of lines) console.error(l);
    process.exit(1);
  }
}
