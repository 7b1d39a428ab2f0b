import type { CaseSearchChannel } from '../../../shared/contract/case-search';
import type { Call } from '../dispatch';
import type { Services } from '../services';
import type { HandlerSlice } from './slice';

/** The signed-in user: saved filters are theirs, never a user named in the input. */
function signedInUser(call: Call): number {
  const userId = call.session?.actor.userId;
  if (userId === null || userId === undefined) throw new Error('a session channel was called without a signed-in user');
  return userId;
}

export function caseSearchHandlers({ search }: Services): HandlerSlice<CaseSearchChannel> {
  return {
    'cases:filterOptions': () => search.filterOptions(),
    'savedFilters:list': (_input, call) => search.savedFilters(signedInUser(call)),
    'savedFilters:save': ({ name, query, filters }, call) =>
      search.saveFilter(signedInUser(call), name, { query, filters }),
    'savedFilters:remove': ({ id }, call) => (search.removeFilter(signedInUser(call), id), { removed: true as const }),
  };
}
