import type { Services } from '../services';
import type { HandlerSlice } from './slice';

export function caseHandlers({ cases }: Services): HandlerSlice<'cases:list' | 'cases:get' | 'cases:create' | 'cases:update' | 'patients:lookupMrn'> {
  return {
    'cases:list': ({ query, status }) => cases.list({ query, status }),
    'cases:get': ({ id }) => cases.get(id),
    'cases:create': (fields) => cases.create(fields),
    'cases:update': ({ id, version, fields }) => cases.update(id, version, fields),
    'patients:lookupMrn': ({ mrn, exceptCaseId }) => cases.lookupMrn(mrn, exceptCaseId),
  };
}
