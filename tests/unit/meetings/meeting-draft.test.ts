import { describe, expect, it } from 'vitest';
import {
  boardChoices,
  draftOf,
  meetingDraftErrors,
  meetingDraftSchema,
  NEW_BOARD,
  similarBoard,
} from '../../../renderer/features/meetings/meeting-draft';

const valid = { ...draftOf(), startsAt: '2026-12-17T13:00', durationMinutes: '30' };

describe('the meeting form draft', () => {
  it('checks the draft with the contract and the new board name against the boards in use', () => {
    const boards = boardChoices(['head-and-neck']);
    expect(boards).toEqual(['head-and-neck', 'sarcoma']);
    expect(meetingDraftErrors(valid, boards)).toEqual({});
    expect(Object.keys(meetingDraftErrors({ ...valid, startsAt: '', durationMinutes: '' }, boards)).sort()).toEqual([
      'durationMinutes',
      'startsAt',
    ]);
    const newBoard = { ...valid, boardType: NEW_BOARD };
    expect(meetingDraftErrors(newBoard, boards).newBoardType).toMatch(/^Name the new board type/);
    expect(meetingDraftErrors({ ...newBoard, newBoardType: 'Head-and-Neck' }, boards).newBoardType).toMatch(
      /is already a board/,
    );
    expect(meetingDraftErrors({ ...newBoard, newBoardType: 'neuro onc!' }, boards).newBoardType).toMatch(/lower case/);
    expect(meetingDraftErrors({ ...newBoard, newBoardType: 'neuro-oncology' }, boards)).toEqual({});
  });

  it('turns a valid draft into the contract input (numbers, no blank cut-off, the new board by name)', () => {
    const parsed = meetingDraftSchema(['sarcoma']).safeParse({
      ...valid,
      boardType: NEW_BOARD,
      newBoardType: ' Neuro-Oncology ',
      videoLink: ' ',
    });
    expect(parsed.success && parsed.data).toMatchObject({
      boardType: 'neuro-oncology',
      durationMinutes: 30,
      submissionCutoff: null,
      videoLink: '',
    });
    const bad = meetingDraftSchema(['sarcoma']).safeParse({ ...valid, title: '' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['title']);
  });

  it('points at an existing board that looks like the new one', () => {
    expect(similarBoard('sarcoma-paediatric', ['sarcoma'])).toBe('sarcoma');
    expect(similarBoard('breast', ['sarcoma'])).toBeUndefined();
    expect(similarBoard('', ['sarcoma'])).toBeUndefined();
  });
});
