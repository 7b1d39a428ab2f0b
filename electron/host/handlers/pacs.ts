import type { PacsChannel } from '../../../shared/contract/pacs';
import type { PacsService } from '../../services/pacs/pacs-service';
import type { HandlerSlice } from './slice';

/** Issue 15: PACS nodes, query and retrieve into a case, key images back to the PACS. */
export function pacsHandlers({ pacs }: { pacs: PacsService }): HandlerSlice<PacsChannel> {
  return {
    'pacs:nodes': () => pacs.nodes.list(),
    'pacs:saveNode': ({ id, version, node }) => pacs.nodes.save(id, version, node),
    'pacs:removeNode': ({ id }) => pacs.nodes.remove(id),
    'pacs:test': ({ id }) => pacs.test(id),
    'pacs:query': ({ nodeId, query }) => pacs.query(nodeId, query),
    'pacs:series': ({ nodeId, studyUid }) => pacs.series(nodeId, studyUid),
    'pacs:retrieve': ({ nodeId, ...request }) => pacs.retrieve(nodeId, request),
    'pacs:priors': ({ caseId }) => pacs.priors(caseId),
    'pacs:send': ({ nodeId, caseId }) => pacs.send(nodeId, caseId),
  };
}
