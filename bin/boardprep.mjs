#!/usr/bin/env node
// The `boardprep` command: runs the built CLI bundle (out/main/cli.js), building it first if needed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(appRoot, 'out', 'main', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write('BoardPrep is not built yet; building it once (npm run build)...\n');
  const built = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: appRoot,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { version } = JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8'));
const { runCli } = await import(pathToFileURL(bundle).href);
process.exitCode = await runCli(process.argv.slice(2), { appRoot, version });
