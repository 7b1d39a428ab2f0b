import type { Db } from '../../db/open';
import { CaseInput, type Sex } from '../../../shared/domain/case';
import { addMinutes } from '../../../shared/dates';
import { CasesService } from '../cases/cases-service';
import { findPatientByMrn } from '../cases/cases-sql';
import { patientDifferences } from '../../../shared/domain/episode';
import { demoCaseId } from './demo-case-ids';
import { createClinicalServices } from '../clinical';
import { markReady } from '../clinical/ready-gate';
import { LesionsService } from '../imaging/lesions-service';
import { createMeetingsServices } from '../meetings';
import { readDemoBoard, type DemoBoard, type DemoCase } from './demo-board';
import { writeTransaction } from '../../db/transaction';
import { CORE_SPECIALTIES, type AttendeePerson, type DecisionValue } from '../../../shared/domain/meeting';
import { userIdByDisplayName } from '../meetings/meetings-sql';
import { loadDemoBoards } from './demo-boards';
import { loadDemoReferrals } from './demo-referrals';

/** The clinical sections of one demo case (already validated by DemoCase), written through the services. */
export function loadClinicalSections(db: Db, caseId: number, demo: DemoCase): void {
  const lesions = new LesionsService(db);
  const clinical = createClinicalServices(db);
  for (const lesion of demo.lesions ?? []) lesions.create(caseId, lesion);
  for (const report of demo.pathology ?? []) clinical.pathology.create(caseId, report);
  if (demo.staging) clinical.staging.setInputs(caseId, demo.staging);
  if (demo.plan) clinical.plan.set(caseId, demo.plan);
  for (const event of demo.events ?? []) clinical.timeline.addEvent(caseId, event);
  for (const { by, ...tick } of demo.ticks ?? []) clinical.readiness.tick(caseId, tick, { userId: null, name: by });
}

/** The demo decision's attendees who are demo users (same display name) named as those users; the rest are guests. */
function withDemoUsers(db: Db, decision: DecisionValue): DecisionValue {
  const attendance = Object.fromEntries(
    CORE_SPECIALTIES.map((s) => [
      s,
      {
        ...decision.attendance[s],
        people: decision.attendance[s].people.map((p): AttendeePerson => {
          const userId = 'guest' in p ? userIdByDisplayName(db, p.name) : undefined;
          return userId === undefined ? p : { userId, name: p.name };
        }),
      },
    ]),
  ) as DecisionValue['attendance'];
  return { ...decision, attendance };
}

/**
 * The demo board meetings, through the meetings services as a coordinator would: create the meeting (cases queued
 * on an earlier finished meeting move onto it), add the rest of its agenda, set presenters and minutes, put it in
 * order, record what happened to the cases not discussed, and finish it. A finished meeting's rows are stamped
 * with its end time. A meeting of the board already present at the same start time is left alone.
 */
function loadDemoMeetings(db: Db, board: DemoBoard): void {
  const caseIdOf = (key: string): number | undefined => demoCaseId(db, board, key);
  for (const demo of board.meetings ?? []) {
    const m = demo.meeting;
    if (createMeetingsServices(db).meetings.findAt(m.boardType, m.startsAt)) continue;
    const stamp = `${addMinutes(m.startsAt, m.durationMinutes)}:00.000Z`;
    const { meetings, agenda, decisions } = createMeetingsServices(
      db,
      demo.status === 'finished' ? { now: () => stamp } : {},
    );
    const created = meetings.create(m);
    const entries = demo.agenda.flatMap((a) => {
      const caseId = caseIdOf(a.case);
      return caseId === undefined ? [] : [{ ...a, caseId }];
    });
    const present = new Set(created.items.map((i) => i.caseId));
    const toAdd = entries.filter((e) => !present.has(e.caseId)).map((e) => e.caseId);
    let detail = toAdd.length ? agenda.add(created.id, toAdd) : created;
    const itemOf = (caseId: number) => detail.items.find((i) => i.caseId === caseId)!;
    for (const e of entries) agenda.setItem(itemOf(e.caseId).id, { presenter: e.presenter, minutes: e.minutes });
    const listed = entries.map((e) => itemOf(e.caseId).id);
    detail = agenda.reorder(created.id, [
      ...listed,
      ...detail.items.map((i) => i.id).filter((id) => !listed.includes(id)),
    ]);
    for (const o of demo.outcomes ?? []) {
      const caseId = caseIdOf(o.case);
      if (caseId === undefined) continue;
      const itemId = itemOf(caseId).id;
      if (o.decision) {
        const saved = decisions.save(itemId, 0, withDemoUsers(db, o.decision));
        // The demo's chair is a name in the board file, not a signed-in user.
        if (o.signedOffBy)
          decisions.signOff(itemId, saved.version, { userId: null, name: o.signedOffBy }, o.noQuorumReason);
      } else {
        agenda.setItem(itemId, { state: o.state === 'not-discussed' ? 'not-discussed' : 'pending' });
      }
    }
    if (demo.status !== 'scheduled') meetings.setStatus(created.id, demo.status);
  }
}

const patientOnRecord = (p: NonNullable<ReturnType<typeof findPatientByMrn>>) => ({
  familyName: p.family_name,
  givenNames: p.given_names,
  dateOfBirth: p.date_of_birth,
  sex: p.sex as Sex,
});

/** The date of the first demo meeting that has the case on its agenda (readiness is judged for that day). */
function firstMeetingDate(board: DemoBoard, key: string): string {
  const dates = (board.meetings ?? [])
    .filter((m) => m.status === 'scheduled' && m.agenda.some((a) => a.case === key))
    .map((m) => m.meeting.startsAt.slice(0, 10));
  const first = dates.sort()[0];
  if (!first) throw new Error(`Demo case "${key}" is ready but on no scheduled demo meeting`);
  return first;
}

/**
 * Loads the demo board in one transaction (cases with their lesions, pathology, staging inputs, plan, timeline
 * events and work-up ticks; then the board meetings with the cases on their agendas). Demo cases already present
 * are skipped (and named), and meetings already present (same board and start) are left alone, so loading twice
 * never duplicates or overwrites anything. A demo case naming the MRN of a patient already stored is another
 * episode of that patient (issue 13): it is created as one when the patient's details match, else skipped.
 */
export function loadDemoBoard(
  db: Db,
  resourcesDir: string,
): { casesCreated: number; referralsCreated: number; skipped: string[] } {
  const board = readDemoBoard(resourcesDir);
  const cases = new CasesService(db);
  const skipped: string[] = [];
  let casesCreated = 0;
  let referralsCreated = 0;
  writeTransaction(db, () => {
    for (const demo of board.cases) {
      const patient = findPatientByMrn(db, demo.case.patient.mrn);
      if (patient && demoCaseId(db, board, demo.key) !== undefined) {
        skipped.push(`${demo.key}: MRN ${demo.case.patient.mrn} already present`);
        continue;
      }
      const fields = CaseInput.parse({
        ...demo.case,
        status: demo.case.status === 'ready' ? 'draft' : demo.case.status,
      });
      if (patient && patientDifferences(patientOnRecord(patient), fields.patient).length > 0) {
        skipped.push(`${demo.key}: MRN ${demo.case.patient.mrn} belongs to another patient`);
        continue;
      }
      // A ready case goes through the same gate as in the app: created as a draft, marked ready once its record is
      // in, with the recorded override where work-up is missing.
      const created = cases.create(fields, patient?.id);
      loadClinicalSections(db, created.id, demo);
      if (demo.case.status === 'ready')
        markReady(
          db,
          created.id,
          firstMeetingDate(board, demo.key),
          demo.readyOverride && { why: demo.readyOverride.why, by: { userId: null, name: demo.readyOverride.by } },
        );
      casesCreated += 1;
    }
    loadDemoMeetings(db, board);
    loadDemoBoards(db);
    // issue 14: the referral triage queue
    referralsCreated = loadDemoReferrals(db);
  });
  return { casesCreated, referralsCreated, skipped };
}
