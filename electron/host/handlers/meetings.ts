import type { MeetingsChannel } from '../../../shared/contract/meetings';
import type { MeetingsServices } from '../../services/meetings';
import type { Signer } from '../../services/meetings/decisions-service';
import { DomainError } from '../../services/errors';
import type { Call } from '../dispatch';
import type { HandlerSlice } from './slice';

const removed = { removed: true as const };

/** The signed-in user as the record names them (the dispatcher has checked there is a session). */
function signerOf(call: Call): Signer {
  if (!call.session) throw new DomainError('signed-out', 'Sign in to sign off or amend a decision.');
  return { userId: call.session.actor.userId, name: call.session.user.displayName };
}

export function meetingHandlers({ meetings: m }: { meetings: MeetingsServices }): HandlerSlice<MeetingsChannel> {
  return {
    'meetings:list': ({ boardType }) => m.meetings.list({ boardType }),
    'meetings:get': ({ id }) => m.meetings.get(id),
    'meetings:create': (fields) => m.meetings.create(fields),
    'meetings:update': ({ id, version, fields }) => m.meetings.update(id, version, fields),
    'meetings:setStatus': ({ id, status }) => m.meetings.setStatus(id, status),
    'meetings:remove': ({ id }) => (m.meetings.remove(id), removed),
    'meetings:next': ({ boardType }) => m.meetings.next({ boardType }),
    'agenda:add': ({ meetingId, caseIds, presenter, minutes }) =>
      m.agenda.add(meetingId, caseIds, { presenter, minutes }),
    'agenda:remove': ({ itemId }) => m.agenda.remove(itemId),
    'agenda:reorder': ({ meetingId, itemIds }) => m.agenda.reorder(meetingId, itemIds),
    'agenda:setItem': ({ itemId, ...changes }) => m.agenda.setItem(itemId, changes),
    'agenda:carryOver': ({ meetingId }) => m.agenda.carryOver(meetingId),
    'agenda:caseHistory': ({ caseId }) => m.agenda.caseHistory(caseId),
    'deck:get': ({ meetingId, deidentified, includeHidden, live }) =>
      m.deck.meetingDeck(meetingId, { deidentified, includeHidden, live }),
    'deck:case': ({ itemId, deidentified, live }) => m.deck.caseDeck(itemId, { deidentified, live }),
    'deck:editSlide': (input) => m.deck.editSlide(input),
    'deck:resetSlide': ({ itemId, slideKey }) => m.deck.resetSlide(itemId, slideKey),
    'decisions:get': ({ itemId }) => m.decisions.get(itemId),
    'decisions:forMeeting': ({ meetingId }) => m.decisions.forMeeting(meetingId),
    'decisions:save': ({ itemId, version, decision }) => m.decisions.save(itemId, version, decision),
    // Sign-off and amendments name the signed-in user (CHANNEL_ACCESS lets only a chair sign off), never a typed name.
    'decisions:signOff': ({ itemId, version, noQuorumReason }, call) =>
      m.decisions.signOff(itemId, version, signerOf(call), noQuorumReason),
    'decisions:amend': ({ itemId, version, why, changes }, call) =>
      m.decisions.amend(itemId, version, { by: signerOf(call), why, changes }),
    'decisions:history': ({ itemId }) => m.decisions.history(itemId),
    'decisions:recordFacts': ({ meetingId, itemId, deidentified }) =>
      m.decisions.recordFacts(meetingId, { itemId, deidentified }),
  };
}
