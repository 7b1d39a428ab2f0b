/** Placeholder until its screen lands (issue 12). */
export function AuditScreen() {
  return <h1>Audit</h1>;
}
