import type { ClinicalChannel } from '../../../shared/contract/clinical';
import type { ClinicalServices } from '../../services/clinical';
import type { Attribution } from '../../services/attribution';
import type { Call } from '../dispatch';
import type { HandlerSlice } from './slice';

const removed = { removed: true as const };

/**
 * Who the act is by: the signed-in user, never a name from the input. The dispatcher admits these channels only
 * with a session (they need readiness.edit); a call without one is a bug, not a user error.
 */
function signedInBy(call: Call): Attribution {
  if (!call.session) throw new Error('an attributable channel was called without a session');
  const { actor } = call.session;
  return { userId: actor.userId, name: actor.displayName };
}

export function clinicalHandlers({ clinical }: { clinical: ClinicalServices }): HandlerSlice<ClinicalChannel> {
  return {
    'pathology:list': ({ caseId }) => clinical.pathology.list(caseId),
    'pathology:create': ({ caseId, report }) => clinical.pathology.create(caseId, report),
    'pathology:update': ({ id, report }) => clinical.pathology.update(id, report),
    'pathology:remove': ({ id }) => (clinical.pathology.remove(id), removed),
    'clinical:summary': ({ caseId, meetingDate }) => clinical.summary(caseId, meetingDate),
    'clinical:readinessCounts': ({ caseIds, meetingDate }) => clinical.readinessCounts(caseIds, meetingDate),
    'clinical:chooseDrivingReport': ({ caseId, reportId, reason }, call) => {
      clinical.pathology.chooseDriving(caseId, reportId, reason, signedInBy(call));
      return clinical.summary(caseId);
    },
    'staging:setInputs': ({ caseId, inputs }) => clinical.staging.setInputs(caseId, inputs),
    'readiness:tick': ({ caseId, tick }, call) => clinical.readiness.tick(caseId, tick, signedInBy(call)),
    'readiness:untick': ({ caseId, item }) => (clinical.readiness.untick(caseId, item), removed),
    'readiness:setStaleWeeks': ({ weeks }) => clinical.readiness.setStaleWeeks(weeks),
    'plan:set': ({ caseId, plan }) => clinical.plan.set(caseId, plan),
    'timeline:list': ({ caseId }) => clinical.timeline.list(caseId),
    'timeline:addEvent': ({ caseId, event }) => clinical.timeline.addEvent(caseId, event),
    'timeline:removeEvent': ({ id }) => (clinical.timeline.removeEvent(id), removed),
    'cases:markReady': ({ caseId, meetingDate, override }, call) =>
      clinical.markReady(caseId, meetingDate, override && { why: override.why, by: signedInBy(call) }),
  };
}
