import { describe, expect, it } from 'vitest';
import { CORE_SPECIALTIES, type DecisionValue, type DecisionView } from '../../../shared/domain/meeting';
import { draftOf } from '../../../renderer/features/meetings/decision-draft';
import {
  addAction,
  attendanceSource,
  fromProposed,
  proposedFromSlides,
  removeAction,
  setAction,
  setAttendee,
  setOption,
} from '../../../renderer/features/meetings/decision-edits';
import {
  amendProblems,
  decisionChipText,
  decisionStatusText,
  modeOf,
} from '../../../renderer/features/meetings/decision-status';
import { sentForm } from '../../../renderer/features/meetings/useDecisionDraft';

const empty: DecisionValue = {
  attendance: Object.fromEntries(CORE_SPECIALTIES.map((s) => [s, { present: false, people: [] }])) as never,
  recommendation: { options: [], text: '' },
  intent: null,
  actions: [],
  notes: '',
  outcome: null,
  outcomeReason: '',
};

function view(over: Partial<DecisionView> = {}): DecisionView {
  return {
    itemId: 1,
    meetingId: 1,
    caseId: 1,
    status: 'none',
    version: 0,
    current: empty,
    original: null,
    signedOffAt: null,
    signedOffBy: null,
    signOff: null,
    amendments: [],
    quorum: { met: false, missing: [...CORE_SPECIALTIES] },
    signOffProblems: [],
    updatedAt: null,
    registerAttendance: null,
    ...over,
  };
}

const withSurgeon = (itemId: number): DecisionView =>
  view({
    itemId,
    current: {
      ...empty,
      attendance: {
        ...empty.attendance,
        surgeon: { present: true, people: [{ userId: itemId, name: `Dr ${itemId}` }] },
      },
    },
  });

const idle = { saving: false, error: null, dirty: false, valid: true };

describe('the decision status line', () => {
  it('says whether what is typed is saved, and why not', () => {
    expect(decisionStatusText(view(), idle)).toBe('Nothing recorded yet');
    expect(decisionStatusText(view(), { ...idle, dirty: true })).toBe('Unsaved changes');
    expect(decisionStatusText(view(), { ...idle, dirty: true, valid: false })).toBe(
      'Not saved yet: finish the highlighted fields',
    );
    expect(decisionStatusText(view(), { ...idle, dirty: true, saving: true })).toBe('Saving...');
    expect(decisionStatusText(view(), { ...idle, dirty: true, error: 'changed elsewhere' })).toBe(
      'Not saved: changed elsewhere',
    );
    expect(decisionStatusText(view({ status: 'draft' }), idle)).toBe('Draft saved');
  });

  it('names who signed off and counts the amendments, whatever the draft says', () => {
    const signed = view({
      status: 'signed',
      signedOffBy: 'Dr Marsh',
      signedOffAt: '2026-11-12T14:00:00.000Z',
      amendments: [{}, {}] as never,
    });
    const text = decisionStatusText(signed, { ...idle, dirty: true, saving: true });
    expect(text).toMatch(/^Signed off by Dr Marsh · .+ · 2 amendments$/);
    expect(decisionChipText('signed', modeOf('signed', false))).toBe('Locked');
    expect(decisionChipText('signed', modeOf('signed', true))).toBe('Amending');
    expect(modeOf('draft', true)).toBe('edit');
    expect(decisionChipText('none', 'edit')).toBe('New');
  });

  it('lists what stops an amendment: no change, no reason (who amends is the signed-in user)', () => {
    expect(amendProblems({}, '')).toEqual([
      'Change at least one field to amend the decision',
      'Say why the decision is amended',
    ]);
    expect(amendProblems({ notes: 'x' }, 'Review')).toEqual([]);
  });
});

describe('editing the decision draft', () => {
  it('keeps the ticked options in the plan order and unticks one', () => {
    let d = draftOf(empty);
    d = setOption(d, 'surveillance', true);
    d = setOption(d, 'surgery', true);
    expect(d.options).toEqual(['surgery', 'surveillance']);
    expect(setOption(d, 'surgery', false).options).toEqual(['surveillance']);
  });

  it('takes the proposed options but never overwrites a recommendation already written', () => {
    const proposed = { options: ['surgery' as const], text: 'Wide excision' };
    expect(fromProposed(draftOf(empty), proposed)).toMatchObject({
      options: ['surgery'],
      recommendation: 'Wide excision',
    });
    const written = { ...draftOf(empty), recommendation: 'Our own words' };
    expect(fromProposed(written, proposed).recommendation).toBe('Our own words');
  });

  it('reads the proposal from the plan slide of a case deck', () => {
    const slides: { kind: string; text: Record<string, string>; content: unknown }[] = [
      { kind: 'title', text: {}, content: null },
      { kind: 'plan', text: { proposal: 'Excise' }, content: { options: [{ id: 'surgery' }] } },
    ];
    expect(proposedFromSlides(slides)).toEqual({ options: ['surgery'], text: 'Excise' });
    expect(proposedFromSlides(slides.slice(0, 1))).toBeUndefined();
  });

  it('adds, fills and removes action rows; a blank row is not sent', () => {
    let d = addAction(addAction(draftOf(empty)));
    d = setAction(d, 1, 'what', 'Review CT');
    expect(d.actions.map((a) => a.what)).toEqual(['', 'Review CT']);
    expect(JSON.parse(sentForm(d)).actions).toEqual([{ what: 'Review CT', who: '', byWhen: null }]);
    expect(removeAction(d, 1).actions).toHaveLength(1);
  });

  it('drops the people of a specialty marked absent when the draft is sent', () => {
    const people = [
      { userId: 7, name: 'Dr A' },
      { name: 'Dr B', guest: true as const },
    ];
    let d = setAttendee(draftOf(empty), 'surgeon', { present: true, people });
    expect(JSON.parse(sentForm(d)).attendance.surgeon).toEqual({ present: true, people });
    d = setAttendee(d, 'surgeon', { present: false });
    expect(JSON.parse(sentForm(d)).attendance.surgeon).toEqual({ present: false, people: [] });
    // The same decision typed twice compares equal: saving it again is not needed.
    expect(sentForm(draftOf(empty))).toBe(sentForm(draftOf(empty)));
  });
});

describe('"Same as the last case"', () => {
  it('copies the nearest earlier case with attendance, else a later one, else nothing', () => {
    const all = [withSurgeon(1), view({ itemId: 2 }), withSurgeon(3), view({ itemId: 4 })];
    expect(attendanceSource(all, 4)?.surgeon).toEqual({ present: true, people: [{ userId: 3, name: 'Dr 3' }] });
    expect(attendanceSource(all, 2)?.surgeon).toEqual({ present: true, people: [{ userId: 1, name: 'Dr 1' }] });
    expect(attendanceSource([view({ itemId: 1 }), withSurgeon(2)], 1)?.surgeon.people[0].name).toBe('Dr 2');
    expect(attendanceSource([view({ itemId: 1 }), view({ itemId: 2 })], 1)).toBeUndefined();
  });
});
