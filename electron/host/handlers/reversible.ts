import { detachStudy, dismissPrompt, listPrompts, listUnattached, purgeStudies } from '../../services/dicom';
import type { Services } from '../services';
import type { HandlerSlice } from './slice';

type ReversibleChannels =
  'imaging:detachStudy' | 'imaging:unattached' | 'imaging:purge' | 'imaging:prompts' | 'imaging:dismissPrompt';

/** Detach, the unattached studies and their purge, and the open patient-mismatch prompts (issue 12, item 9). */
export function reversibleHandlers(services: Services): HandlerSlice<ReversibleChannels> {
  const { ctx } = services;
  return {
    'imaging:detachStudy': (input) => (detachStudy(ctx.db, input), { detached: true as const }),
    'imaging:unattached': () => listUnattached(ctx.db),
    'imaging:purge': (input) => purgeStudies(ctx.db, ctx.dataDir, input),
    'imaging:prompts': ({ caseId }) => listPrompts(ctx.db, caseId),
    'imaging:dismissPrompt': ({ caseId, studyInstanceUid }) => (
      dismissPrompt(ctx.db, caseId, studyInstanceUid),
      { dismissed: true as const }
    ),
  };
}
