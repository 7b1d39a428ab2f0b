import type { z } from 'zod';
import { clinicalContract, type ClinicalChannel } from '../../../shared/contract/clinical';
import type { ClinicalServices } from '../../services/clinical';

type Spec<C extends ClinicalChannel> = (typeof clinicalContract)[C];
/**
 * Same shape as `HandlerSlice<ClinicalChannel>` (handlers/slice.ts). Spelled out from the clinical contract so
 * this file typechecks before the channels are registered in shared/contract/channels.ts and contract.ts; once
 * they are, `clinicalHandlers(services)` is assignable to `HandlerSlice<ClinicalChannel>` as it stands.
 */
export type ClinicalHandlerSlice = {
  [C in ClinicalChannel]: (input: z.output<Spec<C>['input']>) => z.output<Spec<C>['output']> | Promise<z.output<Spec<C>['output']>>;
};

const removed = { removed: true as const };

export function clinicalHandlers({ clinical }: { clinical: ClinicalServices }): ClinicalHandlerSlice {
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
