/** Placeholder for issue 14: the boards helper replaces it. */
export function BoardsScreen() {
  return (
    <section className="service-screen">
      <h1>Boards</h1>
    </section>
  );
}
