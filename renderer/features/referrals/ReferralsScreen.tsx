/** Placeholder for issue 14: the referrals helper replaces it. */
export function ReferralsScreen() {
  return (
    <section className="service-screen">
      <h1>Referrals</h1>
    </section>
  );
}
