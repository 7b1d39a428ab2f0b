import type { Db } from '../../db/open';
import {
  CaseRecord,
  CaseSummary,
  displayName,
  type CaseFields,
  type CaseStatus,
  type PatientInput,
} from '../../../shared/domain/case';
import { patientDifferences, type CaseEpisodes, type MrnPatient } from '../../../shared/domain/episode';
import { dayMonthYear } from '../../../shared/dates';
import { DomainError } from '../errors';
import * as sql from './cases-sql';
import { caseEpisodes, patientOfMrn, patientView } from './episodes';
import { writeTransaction } from '../../db/transaction';
import type { CaseFilters, CasePage } from '../../../shared/domain/case-search';
import { refreshStale } from '../search/facets';

/** "DOE, Jane (born 2 May 1961)": how a refusal names the patient an MRN belongs to. */
const bornText = (p: MrnPatient) => `${p.name} (born ${dayMonthYear(p.dateOfBirth)})`;

/** "1 episode (case 4)", "2 episodes (cases 4, 9)". */
function episodesText(p: MrnPatient): string {
  const ids = p.episodes.map((e) => e.caseId);
  return `${ids.length} episode${ids.length === 1 ? '' : 's'} (case${ids.length === 1 ? '' : 's'} ${ids.join(', ')})`;
}

function toRecord(row: sql.CaseRow): CaseRecord {
  return CaseRecord.parse({
    id: row.id,
    patient: {
      id: row.patient_id,
      familyName: row.family_name,
      givenNames: row.given_names,
      mrn: row.mrn,
      dateOfBirth: row.date_of_birth,
      sex: row.sex,
    },
    consultantName: row.consultant_name,
    consultantContact: row.consultant_contact,
    referringHospital: row.referring_hospital,
    tumourSite: row.tumour_site,
    siteChapter: row.site_chapter,
    workingDiagnosis: row.working_diagnosis,
    clinicalHistory: row.clinical_history,
    boardQuestion: row.board_question,
    episodeKind: row.episode_kind,
    questionKind: row.question_kind,
    ecog: row.ecog,
    comorbidities: row.comorbidities,
    patientKnowledge: row.patient_knowledge,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function toSummary(row: sql.CaseRow): CaseSummary {
  return {
    id: row.id,
    patientName: displayName({ familyName: row.family_name, givenNames: row.given_names }),
    mrn: row.mrn,
    dateOfBirth: row.date_of_birth,
    sex: row.sex as CaseSummary['sex'],
    tumourSite: row.tumour_site,
    siteChapter: row.site_chapter as CaseSummary['siteChapter'],
    workingDiagnosis: row.working_diagnosis,
    consultantName: row.consultant_name,
    episodeKind: row.episode_kind as CaseSummary['episodeKind'],
    episodeNumber: row.episode_number,
    episodeCount: row.episode_count,
    status: row.status as CaseStatus,
    updatedAt: row.updated_at,
  };
}

/** Patients and cases. Takes a database handle, never Electron, so it runs under plain Node in tests. */
export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /**
   * One page of the cases matching the search (cases-sql searchCaseRows). The facets the filters read (grade, stage,
   * histotype, open readiness items) are brought up to date first: only rows marked stale by the triggers of
   * migration 0011 are recomputed (electron/services/search/facets.ts).
   */
  list(search: { query: string; filters?: CaseFilters; offset?: number; limit?: number }): CasePage {
    refreshStale(this.db, this.now());
    const { rows, total } = sql.searchCaseRows(this.db, {
      query: search.query,
      filters: search.filters ?? {},
      offset: search.offset ?? 0,
      limit: search.limit ?? 50,
    });
    return { rows: rows.map(toSummary), total };
  }

  get(id: number): CaseRecord {
    const row = sql.getCaseRow(this.db, id);
    if (!row) throw new DomainError('not-found', `Case ${id} does not exist`);
    return toRecord(row);
  }

  /**
   * Whose MRN this is. `available` is false when it belongs to a patient other than the case's own (`exceptCaseId`);
   * `patient` names that patient with their episodes (null when no patient has the MRN, or it is the case's own).
   */
  lookupMrn(
    mrn: string,
    exceptCaseId?: number,
  ): { available: boolean; owner: { caseId: number; patientName: string } | null; patient: MrnPatient | null } {
    const patient = patientOfMrn(this.db, mrn);
    if (!patient) return { available: true, owner: null, patient: null };
    const own = exceptCaseId !== undefined ? sql.getCaseRow(this.db, exceptCaseId) : undefined;
    if (own && own.patient_id === patient.id) return { available: true, owner: null, patient: null };
    return {
      available: false,
      owner: { caseId: patient.episodes[0]?.caseId ?? 0, patientName: patient.name },
      patient,
    };
  }

  /** An edit may not give the case's patient an MRN that another patient has. */
  private assertMrnFree(patient: PatientInput, exceptCaseId: number): void {
    const { available, patient: owner } = this.lookupMrn(patient.mrn, exceptCaseId);
    if (!available && owner) {
      throw new DomainError(
        'conflict',
        `MRN ${patient.mrn} already belongs to ${bornText(owner)}, ${episodesText(owner)}: another patient`,
        'patient.mrn',
      );
    }
  }

  /**
   * A new case. With `patientId` it is a new episode of that patient: the MRN must be theirs and the name, date of
   * birth and sex those on record, else it is refused naming every difference (a new episode never rewrites the
   * patient: demographics are corrected from an episode's record, for all episodes at once). Without it, an MRN
   * that is already on record is refused with the offer of a new episode.
   */
  create(fields: CaseFields, patientId?: number): CaseRecord {
    const id = writeTransaction(this.db, () => {
      if (patientId !== undefined) {
        this.assertSamePatient(patientId, fields.patient);
        return sql.insertCase(this.db, patientId, fields, this.now());
      }
      const owner = patientOfMrn(this.db, fields.patient.mrn);
      if (owner) {
        throw new DomainError(
          'conflict',
          `MRN ${fields.patient.mrn} already belongs to ${bornText(owner)}, ${episodesText(owner)}: create this case as a new episode of that patient`,
          'patient.mrn',
        );
      }
      const newPatientId = sql.insertPatient(this.db, fields.patient);
      return sql.insertCase(this.db, newPatientId, fields, this.now());
    });
    return this.get(id);
  }

  private assertSamePatient(patientId: number, typed: PatientInput): void {
    const row = sql.getPatient(this.db, patientId);
    if (!row) throw new DomainError('not-found', `Patient ${patientId} does not exist`, 'patientId');
    const onRecord = patientView(this.db, row);
    if (onRecord.mrn.toLowerCase() !== typed.mrn.toLowerCase()) {
      throw new DomainError(
        'conflict',
        `MRN ${typed.mrn} is not the MRN of ${bornText(onRecord)} (${onRecord.mrn}): a new episode keeps the patient's MRN`,
        'patient.mrn',
      );
    }
    const differences = patientDifferences(onRecord, typed);
    if (differences.length > 0) {
      throw new DomainError(
        'conflict',
        `This new episode's patient details differ from ${onRecord.name}'s record (${differences.map((d) => d.text).join('; ')}). Use the details on record; to correct the record, edit an existing episode (the change applies to all of them).`,
        differences[0].field,
      );
    }
  }

  /** Which episode of the patient the case is, and the others with their board outcomes. */
  episodes(caseId: number): CaseEpisodes {
    return caseEpisodes(this.db, caseId);
  }

  update(id: number, version: number, fields: CaseFields): CaseRecord {
    writeTransaction(this.db, () => {
      const row = sql.getCaseRow(this.db, id);
      if (!row) throw new DomainError('not-found', `Case ${id} does not exist`);
      if (row.version !== version) {
        throw new DomainError(
          'conflict',
          'This case was changed elsewhere since you opened it. Reload it to see the changes; your edits are still in the form.',
        );
      }
      // The ready gate (issue 4): "ready" is reached through cases:markReady, which checks the work-up first and
      // records an override when items are missing. An edit may keep a case ready, never make it ready.
      if (fields.status === 'ready' && row.status !== 'ready') {
        throw new DomainError(
          'refused',
          'Use “Mark ready” on the Clinical tab: the work-up is checked first',
          'status',
        );
      }
      this.assertMrnFree(fields.patient, id);
      sql.updatePatient(this.db, row.patient_id, fields.patient);
      if (!sql.updateCase(this.db, id, version, fields, this.now())) {
        throw new DomainError('conflict', 'This case was changed elsewhere since you opened it.');
      }
    });
    return this.get(id);
  }

  count(): number {
    return sql.countCases(this.db);
  }
}
