/** Placeholder until its screen lands (issue 12). */
export function SecurityScreen() {
  return <h1>Security</h1>;
}
