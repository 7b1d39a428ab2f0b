import type { Db } from '../../db/open';
import { addMinutes, localWallTime } from '../../../shared/dates';
import { ReferralInput, type ReferralInput as ReferralInputType } from '../../../shared/domain/referral';
import { CasesService } from '../cases/cases-service';
import { findPatientByMrn } from '../cases/cases-sql';
import { createMeetingsServices } from '../meetings';
import { ReferralsService } from '../referrals/referrals-service';
import * as referralsSql from '../referrals/referrals-sql';

/**
 * The demo's referral triage queue (issue 14 item 6): two fictional referrals to the sarcoma board waiting for
 * the coordinator. One came in after the cut-off of the board's next meeting (flagged late: this meeting as a late
 * addition, or the next); one lacks part of the board's minimum dataset (listed as missing). Both are received
 * relative to that meeting's cut-off, so the flags hold whenever the demo is loaded before the meeting.
 */
const REFERRALS: { minutesFromCutoff: number; input: ReferralInputType }[] = [
  {
    minutesFromCutoff: 150,
    input: {
      referrerName: 'Dr Priya Natarajan, consultant orthopaedic surgeon',
      referrerContact: 'p.natarajan@eastbrook.example, ext 5521',
      referringHospital: 'Eastbrook District Hospital',
      urgency: 'urgent',
      question: 'Enlarging deep thigh mass: biopsy here or refer straight to the sarcoma centre for biopsy and MRI?',
      patient: { familyName: 'Okafor', givenNames: 'Daniel', mrn: 'BP-100312', dateOfBirth: '1958-07-19', sex: 'male' },
      siteChapter: 'trunk-extremity',
      dataset: {
        'working-diagnosis': 'Suspected soft tissue sarcoma, right thigh',
        'tumour-site': 'Right thigh, deep to fascia, 11 cm',
        'clinical-history': 'Painless swelling for 4 months, grown rapidly over the last 6 weeks. No trauma.',
        'imaging-available': 'MRI right thigh at Eastbrook, last week; images sent by link',
        'histology-available': 'None yet',
        ecog: '1',
        'patient-aware': 'Told a sarcoma is possible and that he is being referred',
      },
    },
  },
  {
    minutesFromCutoff: -2 * 24 * 60,
    input: {
      referrerName: 'Dr Tom Ellery, GP',
      referrerContact: 'Ellery practice, 01632 960 118',
      referringHospital: 'Millbrook Health Centre',
      urgency: 'routine',
      question: 'Lump on the back: does this need sarcoma assessment?',
      patient: {
        familyName: 'Brandt',
        givenNames: 'Hanna',
        mrn: 'BP-100327',
        dateOfBirth: '1979-02-03',
        sex: 'female',
      },
      siteChapter: 'trunk-extremity',
      dataset: {
        'working-diagnosis': 'Lipoma or liposarcoma?',
        'tumour-site': 'Upper back, left',
      },
    },
  },
];

/** Adds the demo referrals once (a referral whose patient is already on record is skipped). */
/** Returns how many referrals (each with its draft case) it made. */
export function loadDemoReferrals(db: Db): number {
  const agenda = createMeetingsServices(db).agenda;
  // Stamped a minute before the demo's cases, so the case list (newest change first) still opens on those.
  const first = db.prepare('SELECT min(created_at) FROM cases').pluck().get() as string | null;
  const stamp = new Date((first ? Date.parse(first) : Date.now()) - 60_000).toISOString();
  const now = () => stamp;
  const cases = new CasesService(db, now);
  const today = localWallTime(new Date());
  const next = referralsSql.upcomingMeetings(db, 'sarcoma', today, 1)[0];
  let made = 0;
  for (const r of REFERRALS) {
    const input = ReferralInput.parse(r.input);
    if (findPatientByMrn(db, input.patient.mrn)) continue;
    const probe = new ReferralsService({ db, cases, agenda, now, localNow: () => today });
    const cutoff = next ? probe.slotCutoff(input.boardSlug, next) : null;
    const received = cutoff ? addMinutes(cutoff, r.minutesFromCutoff) : today;
    new ReferralsService({ db, cases, agenda, now, localNow: () => received }).create(input);
    made += 1;
  }
  return made;
}
