import type { Db } from '../../db/open';
import type { AgendaItemState } from '../../../shared/domain/meeting';
import { CaseEpisodes, EpisodeRef, MrnPatient, type EpisodeWithOutcomes } from '../../../shared/domain/episode';
import { displayName } from '../../../shared/domain/case';
import { DomainError } from '../errors';
import { historyDecisionsOf } from '../meetings/decision-values';
import { itemsOfCase } from '../meetings/meetings-sql';
import * as sql from './cases-sql';

/**
 * Episodes (issue 13, item 6): the patient's cases in creation order, and what the board made of each. Reads only;
 * the decisions are the meetings service's own (amendments applied by historyDecisionsOf), so an episode's outcome
 * reads as the decision page and "Earlier at the board" show it.
 */

export function episodeRefs(db: Db, patientId: number): EpisodeRef[] {
  return sql.casesOfPatient(db, patientId).map((row, i) =>
    EpisodeRef.parse({
      caseId: row.id,
      number: i + 1,
      episodeKind: row.episode_kind,
      createdAt: row.created_at,
      workingDiagnosis: row.working_diagnosis,
      status: row.status,
    }),
  );
}

/** The patient an MRN belongs to, with their episodes; null when no patient has it. */
export function patientOfMrn(db: Db, mrn: string): MrnPatient | null {
  const p = sql.findPatientByMrn(db, mrn);
  return p ? patientView(db, p) : null;
}

export function patientView(db: Db, p: sql.PatientRow): MrnPatient {
  return MrnPatient.parse({
    id: p.id,
    name: displayName({ familyName: p.family_name, givenNames: p.given_names }),
    familyName: p.family_name,
    givenNames: p.given_names,
    mrn: p.mrn,
    dateOfBirth: p.date_of_birth,
    sex: p.sex,
    episodes: episodeRefs(db, p.id),
  });
}

/** Every meeting an episode was on, oldest first, with the decision recorded there (or null). */
function meetingsOf(db: Db, caseId: number): EpisodeWithOutcomes['meetings'] {
  const items = itemsOfCase(db, caseId);
  const decisions = historyDecisionsOf(
    db,
    items.map((r) => r.id),
  );
  return items.map((r) => ({
    itemId: r.id,
    meetingId: r.meeting_id,
    meetingTitle: r.title,
    startsAt: r.starts_at,
    state: r.state as AgendaItemState,
    deferredReason: r.deferred_reason,
    decision: decisions.get(r.id) ?? null,
  }));
}

/** Which episode the case is, and the patient's other episodes with their board outcomes. */
export function caseEpisodes(db: Db, caseId: number): CaseEpisodes {
  const own = sql.getCaseRow(db, caseId);
  if (!own) throw new DomainError('not-found', `Case ${caseId} does not exist`);
  const refs = episodeRefs(db, own.patient_id);
  const self = refs.find((e) => e.caseId === caseId)!;
  return CaseEpisodes.parse({
    caseId,
    patientId: own.patient_id,
    number: self.number,
    count: refs.length,
    others: refs.filter((e) => e.caseId !== caseId).map((e) => ({ ...e, meetings: meetingsOf(db, e.caseId) })),
  });
}
