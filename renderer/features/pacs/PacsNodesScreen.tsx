/** PLACEHOLDER (the PACS screens helper replaces this file): the PACS nodes, with a test of each. */
export function PacsNodesScreen() {
  return (
    <section aria-labelledby="pacs-title">
      <h2 id="pacs-title">PACS nodes</h2>
      <p className="placeholder">Not built yet.</p>
    </section>
  );
}
