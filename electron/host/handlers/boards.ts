import type { BoardsChannel } from '../../../shared/contract/boards';
import type { BoardsService } from '../../services/boards/boards-service';
import type { HandlerSlice } from './slice';

/** Issue 14 items 5 and 8: boards, the meetings made from them, and each meeting's attendance register. */
export function boardHandlers({ boards }: { boards: BoardsService }): HandlerSlice<BoardsChannel> {
  return {
    'boards:list': () => boards.list(),
    'boards:save': ({ id, version, board }) => boards.save(id, version, board),
    'boards:makeMeetings': ({ boardId, from, weeks }) => boards.makeMeetings(boardId, from, weeks),
    'meetings:attendance': ({ meetingId }) => boards.attendance(meetingId),
    'meetings:setAttendance': ({ meetingId, entries }) => boards.setAttendance(meetingId, entries),
  };
}
