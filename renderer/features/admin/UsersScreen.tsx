/** Placeholder until its screen lands (issue 12). */
export function UsersScreen() {
  return <h1>Users</h1>;
}
