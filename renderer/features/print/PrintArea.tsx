import type { PrintDoc } from '../../router';
import { PrintCirculation } from './PrintCirculation';
import { PrintDeck } from './PrintDeck';
import { PrintMinutes } from './PrintMinutes';
import { PrintOutcome } from './PrintOutcome';
import '../../styles/meetings.css';

/**
 * The print views (no app chrome), loaded by the PDF export: #/print/meeting/<meetingId> (the deck, agenda slide
 * first), #/print/outcome/<agendaItemId> (one case's outcome for the referrer and GP) and #/print/minutes/<meetingId>,
 * each with ?deidentified=1 for the de-identified variant. body[data-print-ready="true"] once everything is drawn.
 */
export function PrintArea({
  doc,
  id,
  deidentified,
  to,
}: {
  doc: PrintDoc;
  id: number;
  deidentified: boolean;
  /** An outcome letter's recipient, as the letter names them. */
  to?: string;
}) {
  switch (doc) {
    case 'meeting':
      return <PrintDeck meetingId={id} deidentified={deidentified} />;
    case 'outcome':
      return <PrintOutcome itemId={id} deidentified={deidentified} to={to} />;
    case 'minutes':
      return <PrintMinutes meetingId={id} deidentified={deidentified} />;
    case 'agenda':
    case 'pack':
      return <PrintCirculation doc={doc} meetingId={id} deidentified={deidentified} />;
  }
}
