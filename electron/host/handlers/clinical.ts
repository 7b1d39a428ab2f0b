import type { ClinicalChannel } from '../../../shared/contract/clinical';
import type { ClinicalServices } from '../../services/clinical';
import type { HandlerSlice } from './slice';

const removed = { removed: true as const };

export function clinicalHandlers({ clinical }: { clinical: ClinicalServices }): HandlerSlice<ClinicalChannel> {
  return {
    'pathology:list': ({ caseId }) => clinical.pathology.list(caseId),
    'pathology:create': ({ caseId, report }) => clinical.pathology.create(caseId, report),
    'pathology:update': ({ id, report }) => clinical.pathology.update(id, report),
    'pathology:remove': ({ id }) => (clinical.pathology.remove(id), removed),
    'clinical:summary': ({ caseId, meetingDate }) => clinical.summary(caseId, meetingDate),
    'clinical:readinessCounts': ({ caseIds, meetingDate }) => clinical.readinessCounts(caseIds, meetingDate),
    'staging:setInputs': ({ caseId, inputs }) => clinical.staging.setInputs(caseId, inputs),
    'readiness:tick': ({ caseId, tick }) => clinical.readiness.tick(caseId, tick),
    'readiness:untick': ({ caseId, item }) => (clinical.readiness.untick(caseId, item), removed),
    'readiness:setStaleWeeks': ({ weeks }) => clinical.readiness.setStaleWeeks(weeks),
    'plan:set': ({ caseId, plan }) => clinical.plan.set(caseId, plan),
    'timeline:list': ({ caseId }) => clinical.timeline.list(caseId),
    'timeline:addEvent': ({ caseId, event }) => clinical.timeline.addEvent(caseId, event),
    'timeline:removeEvent': ({ id }) => (clinical.timeline.removeEvent(id), removed),
    'cases:markReady': ({ caseId, meetingDate, override }) => clinical.markReady(caseId, meetingDate, override),
  };
}
