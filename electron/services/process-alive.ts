/**
 * Whether an OS process exists (another user's process counts as existing). A pid reused by an unrelated process
 * makes a dead owner look alive: what it left then stays (never the reverse) until that process is gone.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
