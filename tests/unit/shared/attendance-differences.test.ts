import { describe, expect, it } from 'vitest';
import { attendanceDifferences, attendanceFromRegister } from '../../../shared/domain/attendance-register';

const entry = (specialty: 'surgeon' | 'pathologist', name: string, userId: number | null = null) => ({
  specialty,
  userId,
  name,
  asCover: false,
  arrivedAt: null,
  leftAt: null,
});

describe('attendanceDifferences', () => {
  const register = attendanceFromRegister(
    [entry('surgeon', 'Dr Helena Marsh', 4), entry('pathologist', 'Dr Qureshi')],
    null,
  );

  it('finds none when the decision recorded the register as it is', () => {
    expect(attendanceDifferences(register, register)).toEqual([]);
  });

  it('names who the register has that the decision lacks, and who the decision has that the register lacks', () => {
    const recorded = attendanceFromRegister(
      [entry('surgeon', 'Dr Helena Marsh', 4), entry('pathologist', 'Dr Lund')],
      null,
    );
    expect(attendanceDifferences(recorded, register)).toEqual([
      { specialty: 'pathologist', name: 'Dr Qureshi', change: 'joined' },
      { specialty: 'pathologist', name: 'Dr Lund', change: 'gone' },
    ]);
  });

  it('matches users by id (a renamed user is the same person) and guests by name, whatever the case', () => {
    const recorded = attendanceFromRegister(
      [entry('surgeon', 'Dr H. Marsh', 4), entry('pathologist', 'DR QURESHI')],
      null,
    );
    expect(attendanceDifferences(recorded, register)).toEqual([]);
  });

  it('counts a specialty marked absent as nobody, whatever names it kept', () => {
    const recorded = { ...register, surgeon: { present: false, people: register.surgeon.people } };
    expect(attendanceDifferences(recorded, register)).toEqual([
      { specialty: 'surgeon', name: 'Dr Helena Marsh', change: 'joined' },
    ]);
  });

  it('counts a specialty ticked present with nobody named, where the register has nobody for it', () => {
    const recorded = { ...register, 'radiation-oncologist': { present: true, people: [] } };
    expect(attendanceDifferences(recorded, register)).toEqual([
      { specialty: 'radiation-oncologist', name: '', change: 'gone' },
    ]);
  });
});
