/** Placeholder for issue 14: the actions helper replaces it. */
export function ActionsScreen() {
  return (
    <section className="service-screen">
      <h1>Actions</h1>
    </section>
  );
}
