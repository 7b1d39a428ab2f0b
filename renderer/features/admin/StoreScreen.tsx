/** Placeholder until its screen lands (issue 12). */
export function StoreScreen() {
  return <h1>Store</h1>;
}
