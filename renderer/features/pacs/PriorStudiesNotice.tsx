import type { PacsPriors } from '../../../shared/contract/pacs';
import type { StudySummary } from '../../../shared/domain/imaging';
import type { PacsStudy } from '../../../shared/domain/pacs';
import { useCan } from '../../auth/useCan';
import { useRead } from '../../data/hooks';
import { hrefFor } from '../../router';
import { requestPanel } from './panel-request';
import '../../styles/pacs.css';

/** How often the prior-studies check is asked again while the host is still querying the PACS. */
export const PRIORS_POLL_MS = 3000;

/** Still worth asking again: the host has not finished its one query (a node is set up and no answer yet). */
const checking = (p: PacsPriors | undefined) => p !== undefined && p.node !== null && p.checkedAt === null;

/**
 * The studies of the answer that BoardPrep does not hold in full. The host keeps its answer a few minutes, so a
 * study retrieved since (now in the case with at least as many images as the PACS listed) is left out here.
 */
export function notImported(p: PacsPriors | undefined, held: readonly StudySummary[] = []): PacsStudy[] {
  const images = new Map(held.map((s) => [s.studyInstanceUid, s.series.reduce((n, se) => n + se.instanceCount, 0)]));
  return (p?.studies ?? []).filter((s) => {
    if (s.imported === 'all') return false;
    const have = images.get(s.studyUid);
    return have === undefined || s.instanceCount === null || have < s.instanceCount;
  });
}

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
  const { data: held } = useRead(
    'imaging:studies',
    { caseId },
    { enabled: data !== undefined && data.studies.length > 0 },
  );
  const missing = notImported(data, held);
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
