import { DomainError } from '../../services/errors';
import type { Services } from '../services';
import type { HandlerSlice } from './slice';

export function caseHandlers({
  cases,
  audit,
}: Services): HandlerSlice<
  'cases:list' | 'cases:get' | 'cases:create' | 'cases:update' | 'cases:episodes' | 'patients:lookupMrn'
> {
  return {
    'cases:list': (search) => cases.list(search),
    'cases:get': ({ id }) => {
      const record = cases.get(id);
      // Every opening of a patient's record is audited (once per session and case every 30 minutes).
      audit.recordOpen({ entity: 'cases', entityId: id, patientId: record.patient.id });
      return record;
    },
    'cases:create': ({ patientId, ...fields }) => {
      // A new case has no work-up yet: it becomes ready through cases:markReady, like any other.
      if (fields.status === 'ready') {
        throw new DomainError(
          'refused',
          'A new case cannot start as ready: create it, then use “Mark ready” on the Clinical tab',
          'status',
        );
      }
      return cases.create(fields, patientId);
    },
    'cases:update': ({ id, version, fields }) => cases.update(id, version, fields),
    'cases:episodes': ({ caseId }) => cases.episodes(caseId),
    'patients:lookupMrn': ({ mrn, exceptCaseId }) => cases.lookupMrn(mrn, exceptCaseId),
  };
}
