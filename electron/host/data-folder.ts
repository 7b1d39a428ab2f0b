import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'BoardPrep';

/**
 * The platform's per-user data folder, the same one Electron's app.getPath('userData') gives for "BoardPrep",
 * so the CLI, the web host and the desktop app all open the same database by default.
 */
export function platformDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** `--data DIR` wins, then BOARDPREP_DATA, then the platform folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.BOARDPREP_DATA;
  return chosen ? path.resolve(chosen) : platformDataDir(process.platform, env);
}
