import type { Db } from '../../db/open';
import {
  CaseRecord,
  CaseSummary,
  displayName,
  type CaseFields,
  type CaseStatus,
  type PatientInput,
} from '../../../shared/domain/case';
import { DomainError } from '../errors';
import * as sql from './cases-sql';
import { writeTransaction } from '../../db/transaction';

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

  list(filter: { query: string; status?: CaseStatus }): CaseSummary[] {
    return sql.listCaseRows(this.db, filter).map(toSummary);
  }

  get(id: number): CaseRecord {
    const row = sql.getCaseRow(this.db, id);
    if (!row) throw new DomainError('not-found', `Case ${id} does not exist`);
    return toRecord(row);
  }

  lookupMrn(
    mrn: string,
    exceptCaseId?: number,
  ): { available: boolean; owner: { caseId: number; patientName: string } | null } {
    const patient = sql.findPatientByMrn(this.db, mrn);
    if (!patient) return { available: true, owner: null };
    const own = exceptCaseId !== undefined ? sql.getCaseRow(this.db, exceptCaseId) : undefined;
    if (own && own.patient_id === patient.id) return { available: true, owner: null };
    const caseId = sql.firstCaseOfPatient(this.db, patient.id) ?? 0;
    return {
      available: false,
      owner: { caseId, patientName: displayName({ familyName: patient.family_name, givenNames: patient.given_names }) },
    };
  }

  private assertMrnFree(patient: PatientInput, exceptCaseId?: number): void {
    const { available, owner } = this.lookupMrn(patient.mrn, exceptCaseId);
    if (!available && owner) {
      throw new DomainError(
        'conflict',
        `MRN ${patient.mrn} already belongs to ${owner.patientName} (case ${owner.caseId})`,
        'patient.mrn',
      );
    }
  }

  create(fields: CaseFields): CaseRecord {
    const id = writeTransaction(this.db, () => {
      this.assertMrnFree(fields.patient);
      const patientId = sql.insertPatient(this.db, fields.patient);
      return sql.insertCase(this.db, patientId, fields, this.now());
    });
    return this.get(id);
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
