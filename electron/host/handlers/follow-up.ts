import type { FollowUpChannel } from '../../../shared/contract/follow-up';
import { DomainError } from '../../services/errors';
import type { ActionsService } from '../../services/follow-up/actions-service';
import type { LettersService } from '../../services/follow-up/letters-service';
import type { HandlerSlice } from './slice';

/** Issue 14: action follow-up and the letter register. Closing an action names the signed-in user. */
export function followUpHandlers({
  actions,
  letters,
}: {
  actions: ActionsService;
  letters: LettersService;
}): HandlerSlice<FollowUpChannel> {
  return {
    'actions:list': (filter) => actions.list(filter),
    'actions:setStatus': ({ id, version, status, note }, call) => {
      if (!call?.session) throw new DomainError('signed-out', 'Sign in to close or reopen an action.');
      const by = { userId: call.session.actor.userId, name: call.session.user.displayName };
      return actions.setStatus(id, version, status, by, note);
    },
    'letters:list': () => letters.list(),
    'letters:pending': ({ board }) => letters.pending(board),
  };
}
