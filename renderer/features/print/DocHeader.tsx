import type { MeetingDetail } from '../../../shared/domain/meeting';
import { clock, longDate } from '../../slides/frame';

/** The header every printed document shares: the board, the document, and the de-identified mark. */
export function DocHeader({
  kind,
  meeting,
  deidentified,
}: {
  kind: string;
  meeting: MeetingDetail;
  deidentified: boolean;
}) {
  return (
    <header className="doc-head">
      <div className="doc-brand">
        <span className="doc-brand__mark">B</span>
        <span>
          <strong>{meeting.title}</strong>
          <br />
          {longDate(meeting.startsAt)}, {clock(meeting.startsAt)}–{clock(meeting.endsAt)}
          {meeting.place ? ` · ${meeting.place}` : ''}
        </span>
      </div>
      <div className="doc-kind">
        {kind}
        {deidentified && <span className="doc-deid">De-identified</span>}
      </div>
    </header>
  );
}
