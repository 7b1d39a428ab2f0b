/** Placeholder for issue 14: the referrals helper draws the A4 agenda and the pre-meeting pack here. */
export function PrintCirculation({ doc }: { doc: 'agenda' | 'pack'; meetingId: number; deidentified: boolean }) {
  return <h1>{doc === 'agenda' ? 'Agenda' : 'Pre-meeting pack'}</h1>;
}
