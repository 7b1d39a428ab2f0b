import { z } from 'zod';
import { CORE_SPECIALTIES, CoreSpecialty, type Attendance, type AttendeePerson } from './meeting';

/**
 * The meeting's attendance register (issue 14 item 8): who came, for which core specialty, as a member or as the
 * named cover, and when they arrived and left (the board's wall clock, 'HH:MM'; null: from the start / to the
 * end). Recorded once per meeting; a case's decision starts from who the register has present at the case's
 * planned time and records only where it differs. Stored in `meeting_attendance` (migration 0010).
 */

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use the 24-hour format HH:MM (e.g. 13:05)');

export const RegisterEntry = z
  .object({
    specialty: CoreSpecialty,
    /** A user of BoardPrep (users:directory), or null for a guest named by `name`. */
    userId: z.number().int().positive().nullable(),
    name: z.string().trim().min(1, 'Name who attended').max(120, 'At most 120 characters'),
    asCover: z.boolean(),
    arrivedAt: Clock.nullable(),
    leftAt: Clock.nullable(),
  })
  .strict()
  .refine((e) => e.arrivedAt === null || e.leftAt === null || e.leftAt >= e.arrivedAt, {
    path: ['leftAt'],
    message: 'Left before arriving: check the times',
  });
export type RegisterEntry = z.output<typeof RegisterEntry>;

export const AttendanceRegister = z.object({
  meetingId: z.number().int(),
  /** The board the meeting belongs to, when one is set up for its board type. */
  boardName: z.string().nullable(),
  /** The specialties quorum needs: the board's rule, else every core specialty. */
  quorumSpecialties: z.array(CoreSpecialty),
  entries: z.array(RegisterEntry),
});
export type AttendanceRegister = z.infer<typeof AttendanceRegister>;

/** Present at `time` ('HH:MM'): arrived by then and not yet left. A null time asks who came at all. */
export function presentAt(entry: RegisterEntry, time: string | null): boolean {
  if (time === null) return true;
  return (entry.arrivedAt === null || entry.arrivedAt <= time) && (entry.leftAt === null || entry.leftAt > time);
}

/** The decision's attendance shape from the register: who was present at `time` (null: anyone registered). */
export function attendanceFromRegister(entries: readonly RegisterEntry[], time: string | null): Attendance {
  const out = Object.fromEntries(
    CORE_SPECIALTIES.map((s) => [s, { present: false, people: [] as AttendeePerson[] }]),
  ) as Attendance;
  for (const e of entries) {
    if (!presentAt(e, time)) continue;
    const slot = out[e.specialty];
    if (slot.people.length >= 20) continue;
    slot.present = true;
    slot.people.push(e.userId !== null ? { userId: e.userId, name: e.name } : { name: e.name, guest: true });
  }
  return out;
}

/** One person the register and a decision's attendance disagree on, for one specialty. */
export interface AttendanceDifference {
  specialty: CoreSpecialty;
  /** Empty for a specialty ticked present with nobody named. */
  name: string;
  /** In the register at the case's time but not in the decision ('joined'), or the other way round ('gone'). */
  change: 'joined' | 'gone';
}

const personKey = (p: AttendeePerson) => ('userId' in p ? `u${p.userId}` : `g${p.name.toLowerCase()}`);

/**
 * Where a decision's recorded attendance and the register at the case's time disagree: the register changed after
 * the decision was started (someone left early, came late, or was added), so a draft that copied it is now stale.
 */
export function attendanceDifferences(recorded: Attendance, register: Attendance): AttendanceDifference[] {
  const out: AttendanceDifference[] = [];
  for (const specialty of CORE_SPECIALTIES) {
    const mine = recorded[specialty].present ? recorded[specialty].people : [];
    const theirs = register[specialty].people;
    const has = (list: readonly AttendeePerson[], p: AttendeePerson) => list.some((q) => personKey(q) === personKey(p));
    for (const p of theirs) if (!has(mine, p)) out.push({ specialty, name: p.name, change: 'joined' });
    for (const p of mine) if (!has(theirs, p)) out.push({ specialty, name: p.name, change: 'gone' });
    // Ticked present without a name, where the register has nobody for the specialty.
    if (recorded[specialty].present && mine.length === 0 && theirs.length === 0)
      out.push({ specialty, name: '', change: 'gone' });
  }
  return out;
}
