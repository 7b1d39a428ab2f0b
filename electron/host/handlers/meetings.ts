import type { MeetingsChannel } from '../../../shared/contract/meetings';
import type { MeetingsServices } from '../../services/meetings';
import type { HandlerSlice } from './slice';

const removed = { removed: true as const };

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
    'decisions:signOff': ({ itemId, version, by }) => m.decisions.signOff(itemId, version, by),
    'decisions:amend': ({ itemId, version, by, why, changes }) =>
      m.decisions.amend(itemId, version, { by, why, changes }),
    'decisions:history': ({ itemId }) => m.decisions.history(itemId),
  };
}
