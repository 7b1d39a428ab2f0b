// npm start: build, then launch the desktop app; where Electron cannot run, say so and serve the web host.
// Nothing native is built here: the Electron binding is made by `npm run build:electron-native` (or `npm run dist`).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { appRoot, electronBinary, electronBinding } from './electron-runtime.mjs';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs) =>
  spawnSync(cmd, cmdArgs, { cwd: appRoot, stdio: 'inherit', shell: process.platform === 'win32' });

const built = run('npm', ['run', '--silent', 'build']);
if (built.status !== 0) process.exit(built.status ?? 1);

const { binary, reason } = electronBinary();
const why =
  reason ??
  (existsSync(electronBinding)
    ? null
    : `better-sqlite3 is not built for Electron yet: run "npm run build:electron-native" once (${path.relative(appRoot, electronBinding)} is missing)`);
if (binary && !why) {
  const child = spawn(binary, [appRoot, ...args], { cwd: appRoot, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron cannot run on this machine (${why}); starting the BoardPrep web host instead.`);
  const host = spawn(process.execPath, [path.join(appRoot, 'bin', 'boardprep.mjs'), 'serve', ...args], {
    cwd: appRoot,
    stdio: 'inherit',
  });
  const stop = (signal) => host.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  host.on('exit', (code) => process.exit(code ?? 0));
}
