import type { Db } from '../../db/open';
import { EpisodeKind } from '../../../shared/domain/case';
import { casesOfPatient, findPatientByMrn } from '../cases/cases-sql';
import type { DemoBoard, DemoCase } from './demo-board';

/**
 * Which stored case a demo case key is (issue 13: a demo patient may have several episodes, each its own demo case
 * naming the same MRN). A demo patient with one demo case is that patient's first case, as before episodes; with
 * several, each is the patient's first case of its episode kind (the board file gives every demo case of a patient
 * its own kind, checked by DemoBoard). Undefined when the case is not stored (the user removed or renumbered it).
 */
export function demoCaseId(db: Db, board: DemoBoard, key: string): number | undefined {
  const demo = board.cases.find((c) => c.key === key);
  if (!demo) return undefined;
  const patient = findPatientByMrn(db, demo.case.patient.mrn);
  if (!patient) return undefined;
  const cases = casesOfPatient(db, patient.id);
  if (episodesOf(board, demo).length === 1) return cases[0]?.id;
  return cases.find((c) => c.episode_kind === kindOf(demo))?.id;
}

/** The demo cases of the same patient (same MRN, in any letter case), in board order. */
export function episodesOf(board: DemoBoard, demo: DemoCase): DemoCase[] {
  const mrn = demo.case.patient.mrn.toLowerCase();
  return board.cases.filter((c) => c.case.patient.mrn.toLowerCase() === mrn);
}

export const kindOf = (demo: DemoCase): EpisodeKind => demo.case.episodeKind ?? 'new-diagnosis';
