/** Placeholder for issue 14: the figures helper replaces it. */
export function FiguresScreen() {
  return (
    <section className="service-screen">
      <h1>Service figures</h1>
    </section>
  );
}
