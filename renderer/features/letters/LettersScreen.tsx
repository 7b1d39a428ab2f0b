/** Placeholder for issue 14: the actions helper replaces it. */
export function LettersScreen() {
  return (
    <section className="service-screen">
      <h1>Outcome letters</h1>
    </section>
  );
}
