import { formatPersonName } from '../../../shared/domain/imaging';
import type { UnattachedStudy } from '../../../shared/contract/reversible';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { recordEvent } from '../audit/audit-events';
import { DomainError } from '../errors';
import * as dicom from './dicom-sql';
import * as sql from './reversible-sql';
import { removeUnowned } from './store';
import { caseIdsOfSamePatient } from '../cases/cases-sql';

/**
 * Undoing an attachment, and removing what no case holds (issue 12, item 9).
 *
 * Detach: the study stays in the index and the store, attached to no case, so it can be attached again or purged.
 * It is refused while the case has key images made from the study: a key image is on the case's slides (and maybe
 * in an outcome letter), and detaching must not make it vanish silently; the user removes those key images first,
 * knowingly (frozen decks of signed-off decisions keep their own copies either way). Measurements on the study stay
 * with the case's series and come back if the study is attached again; a purge removes them.
 *
 * Purge: index rows first, in one transaction (with an audit event per study), then the store files that no index
 * row and no running import's claim references, decided under the write lock by `removeUnowned` (store.ts), the
 * same discipline as a cancelled import and the start-up sweep: an import that claimed one of these files keeps it.
 */

/** "26 Oct 2015 · CT · CT CHEST" (or what there is of it): how the audit detail names a study. */
function studyWords(s: {
  study_date: string | null;
  modalities_in_study: string | null;
  study_description: string | null;
}): string {
  return [
    s.study_date ?? 'no date',
    s.modalities_in_study?.replace(/\\/g, '/'),
    s.study_description ?? 'no description',
  ]
    .filter(Boolean)
    .join(' · ');
}

function studyOrThrow(db: Db, studyInstanceUid: string): dicom.StudyRow {
  const study = dicom.getStudyByUid(db, studyInstanceUid);
  if (!study) throw new DomainError('not-found', `Study ${studyInstanceUid} is not in the image index`);
  return study;
}

export function detachStudy(db: Db, input: { caseId: number; studyInstanceUid: string; reason: string }): void {
  writeTransaction(db, () => {
    const study = studyOrThrow(db, input.studyInstanceUid);
    if (study.case_id !== input.caseId) {
      throw new DomainError(
        'conflict',
        study.case_id === null
          ? 'This study is not attached to any case.'
          : `This study is attached to case ${study.case_id}, not to case ${input.caseId}.`,
      );
    }
    const keyImages = sql.keyImagesOfStudy(db, study.id, input.caseId);
    if (keyImages.length > 0) {
      const named = keyImages.map((k) => `"${k.caption}"`).join(', ');
      throw new DomainError(
        'refused',
        `This case has ${keyImages.length === 1 ? 'a key image' : `${keyImages.length} key images`} from this study (${named}): remove ${keyImages.length === 1 ? 'it' : 'them'} first, then detach the study.`,
      );
    }
    // Episodes share the imaging (issue 13): another episode of the patient may have made key images of this study,
    // and detaching would take the study from under them just the same.
    const episodes = new Set(caseIdsOfSamePatient(db, input.caseId));
    const elsewhere = sql.keyImagesOfStudy(db, study.id, null).filter((k) => episodes.has(k.case_id));
    if (elsewhere.length > 0) {
      const cases = [...new Set(elsewhere.map((k) => k.case_id))];
      const named = elsewhere.map((k) => `"${k.caption}"`).join(', ');
      throw new DomainError(
        'refused',
        `Another episode of this patient (case${cases.length === 1 ? '' : 's'} ${cases.join(', ')}) has ${elsewhere.length === 1 ? 'a key image' : `${elsewhere.length} key images`} from this study (${named}): remove ${elsewhere.length === 1 ? 'it' : 'them'} there first, then detach the study.`,
      );
    }
    const patientId = sql.casePatientId(db, input.caseId) ?? null;
    dicom.setStudyCase(db, study.id, null);
    sql.deletePromptsOfStudy(db, study.id);
    recordEvent(db, {
      action: 'detach',
      entity: 'dicom_studies',
      entityId: study.id,
      patientId,
      detail: `Study ${studyWords(study)} detached from case ${input.caseId}: ${input.reason}`,
      facts: { studyInstanceUid: study.study_instance_uid, caseId: input.caseId, reason: input.reason },
    });
  });
}

export function listUnattached(db: Db): UnattachedStudy[] {
  return sql.listUnattached(db).map((r) => ({
    studyInstanceUid: r.study_instance_uid,
    dicomPatientName: r.patient_name_dicom,
    dicomPatientId: r.patient_id_dicom,
    studyDate: r.study_date,
    description: r.study_description,
    modalities: r.modalities_in_study ? r.modalities_in_study.split('\\') : [],
    imageCount: r.image_count,
    bytes: r.bytes,
    importedAt: r.created_at,
  }));
}

export interface PurgeResult {
  purged: number;
  filesRemoved: number;
}

/**
 * Purges studies attached to no case. All or nothing for the rows: one study that is attached (or unknown, or with
 * a key image somewhere) refuses the whole purge, naming it. Files are removed after the rows' commit.
 */
export function purgeStudies(
  db: Db,
  dataDir: string,
  input: { studyInstanceUids: string[]; reason: string },
): PurgeResult {
  const uids = [...new Set(input.studyInstanceUids)];
  const hashes = writeTransaction(db, () => {
    const all: string[] = [];
    for (const uid of uids) {
      const study = studyOrThrow(db, uid);
      if (study.case_id !== null) {
        throw new DomainError(
          'refused',
          `Study ${studyWords(study)} is attached to case ${study.case_id}: detach it first (only studies attached to no case are purged).`,
        );
      }
      const keyImages = sql.keyImagesOfStudy(db, study.id, null);
      if (keyImages.length > 0) {
        throw new DomainError(
          'refused',
          `Study ${studyWords(study)} still has key images on case ${keyImages[0].case_id} ("${keyImages[0].caption}"): remove them first.`,
        );
      }
      const files = sql.fileHashesOfStudy(db, study.id);
      const images = db
        .prepare(
          'SELECT count(*) FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id WHERE se.study_id = ?',
        )
        .pluck()
        .get(study.id) as number;
      const measurements = sql.deleteAnnotationsOfStudy(db, study.id);
      sql.deleteStudy(db, study.id);
      const patient = formatPersonName(study.patient_name_dicom) ?? 'no name';
      recordEvent(db, {
        action: 'purge',
        entity: 'dicom_studies',
        entityId: study.id,
        patientId: null,
        detail: `Study ${studyWords(study)} of ${patient} (DICOM ID ${study.patient_id_dicom ?? 'none'}) purged, ${images} images: ${input.reason}`,
        facts: {
          studyInstanceUid: study.study_instance_uid,
          dicomPatientId: study.patient_id_dicom,
          dicomPatientName: study.patient_name_dicom,
          images,
          measurements,
          reason: input.reason,
        },
      });
      all.push(...files);
    }
    return all;
  });
  // The rows are gone (committed): a file is removed only if nothing references or claims it (under the lock).
  const filesRemoved = removeUnowned(
    db,
    dataDir,
    [...new Set(hashes)].map((hash) => ({ hash })),
  );
  return { purged: uids.length, filesRemoved };
}
