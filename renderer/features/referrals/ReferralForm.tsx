/** Placeholder for issue 14: the referrals helper replaces it. */
export function ReferralForm() {
  return (
    <section className="service-screen">
      <h1>New referral</h1>
    </section>
  );
}
