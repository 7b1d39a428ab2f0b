import { spawn } from 'node:child_process';
import path from 'node:path';

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** Runs crash-child.ts on `source` and kills it (SIGKILL) once it has written `writes` files. */
export async function importKilledAfter(dataDir: string, source: string, writes: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'crash-child.ts'), dataDir, String(writes), source],
    {
      cwd: appRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if (new RegExp(`writing ${writes}\\n`).test(out)) {
        child.kill('SIGKILL');
        resolve();
      }
      if (out.includes('finished')) reject(new Error('the child finished before it could be killed'));
    });
    child.on('exit', (code) =>
      code !== null && code !== 0 ? reject(new Error(`child failed: ${stderr}`)) : undefined,
    );
  });
  await new Promise((r) => child.on('close', r));
}
