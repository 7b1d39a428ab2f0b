// Where Orthanc and its DICOMweb plugin are, for the prerequisite check and for the tests' harness
// (tests/orthanc/orthanc.ts): one rule, so the check never passes a machine the tests then cannot run on, or the
// other way round. Plain Node, as check-prereqs.mjs is.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isExecutableFile } from '../electron/services/export/find-chromium.mjs';

/** Where Debian's packages put them (orthanc, orthanc-dicomweb). */
export const DEBIAN_ORTHANC = '/usr/sbin/Orthanc';
export const DEBIAN_DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** The executable of this name on PATH (with .exe on Windows), or null. */
export function findOnPath(tool, { env = process.env, platform = process.platform, exists = isExecutableFile } = {}) {
  const sep = platform === 'win32' ? ';' : ':';
  const name = platform === 'win32' ? `${tool}.exe` : tool;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of (env.PATH ?? env.Path ?? '').split(sep).filter(Boolean)) {
    if (exists(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * Orthanc: BOARDPREP_ORTHANC when set (and only it), else Debian's /usr/sbin/Orthanc (root's PATH has /usr/sbin, a
 * user's often not), else Orthanc on PATH. The plugin: BOARDPREP_ORTHANC_DICOMWEB when set, else Debian's. `binary`
 * and `plugin` are null when not there; `expected` names where they were looked for, for messages.
 */
export function locateOrthanc({
  env = process.env,
  platform = process.platform,
  exists = isExecutableFile,
  fileExists = existsSync,
} = {}) {
  const binary = env.BOARDPREP_ORTHANC
    ? exists(env.BOARDPREP_ORTHANC)
      ? env.BOARDPREP_ORTHANC
      : null
    : exists(DEBIAN_ORTHANC)
      ? DEBIAN_ORTHANC
      : findOnPath('Orthanc', { env, platform, exists });
  const pluginPath = env.BOARDPREP_ORTHANC_DICOMWEB || DEBIAN_DICOMWEB_PLUGIN;
  return {
    binary,
    plugin: fileExists(pluginPath) ? pluginPath : null,
    expected: { binary: env.BOARDPREP_ORTHANC || `${DEBIAN_ORTHANC} or Orthanc on PATH`, plugin: pluginPath },
  };
}
