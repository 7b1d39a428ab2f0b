/** Placeholder until its screen lands (issue 12). */
export function BackupScreen() {
  return <h1>Backup</h1>;
}
