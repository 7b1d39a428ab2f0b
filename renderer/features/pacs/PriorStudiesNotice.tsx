import type { PacsPriors } from '../../../shared/contract/pacs';
import { useCan } from '../../auth/useCan';
import { useRead } from '../../data/hooks';
import { hrefFor } from '../../router';
import { requestPanel } from './panel-request';
import '../../styles/pacs.css';

/** How often the prior-studies check is asked again while the host is still querying the PACS. */
export const PRIORS_POLL_MS = 3000;

/** Still worth asking again: the host has not finished its one query (a node is set up and no answer yet). */
const checking = (p: PacsPriors | undefined) => p !== undefined && p.node !== null && p.checkedAt === null;

/** The studies of the answer that BoardPrep does not hold in full. */
export const notImported = (p: PacsPriors | undefined) => (p?.studies ?? []).filter((s) => s.imported !== 'all');

/**
 * Issue 15 item 5: "3 earlier studies of this patient on Radiology PACS are not imported", with a link that opens
 * the case's PACS panel on them. The host queries the PACS in the background; this only polls its answer, never
 * holding up the case (nothing shows until there is something to say).
 */
export function PriorStudiesNotice({ caseId }: { caseId: number }) {
  const canRetrieve = useCan('imaging.import');
  const { data } = useRead(
    'pacs:priors',
    { caseId },
    { refetchInterval: (q) => (q.state.error || !checking(q.state.data) ? false : PRIORS_POLL_MS), retry: false },
  );
  const missing = notImported(data);
  if (!data || data.checkedAt === null) return null;
  if (data.error)
    return (
      <p className="pacs-priors muted" role="status">
        Earlier studies on {data.node ?? 'the PACS'} could not be checked: {data.error}
      </p>
    );
  if (missing.length === 0) return null;
  const text = `${missing.length === 1 ? '1 earlier study' : `${missing.length} earlier studies`} of this patient on ${data.node ?? 'the PACS'} ${missing.length === 1 ? 'is' : 'are'} not imported`;
  return (
    <div className="pacs-priors banner banner--info" role="status">
      {text}
      {canRetrieve && (
        <>
          {' · '}
          <a
            href={hrefFor({ name: 'case', id: caseId, tab: 'imaging' })}
            onClick={() => requestPanel({ caseId, node: data.node })}
          >
            Show {missing.length === 1 ? 'it' : 'them'}
          </a>
        </>
      )}
    </div>
  );
}
