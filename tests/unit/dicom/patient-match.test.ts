import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import * as sql from '../../../electron/services/dicom/dicom-sql';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { attachStudy, checkPatientMatch, parsePersonName } from '../../../electron/services/dicom/patient-match';
import { detachStudy } from '../../../electron/services/dicom/detach-purge';
import { listCaseStudies } from '../../../electron/services/dicom/queries';
import { tempDataDir } from '../helpers/temp';
import { CD_TREE, createCase, CT_SERIES } from './fixtures';

const CT_STUDY = '1.3.6.1.4.1.25403.345050719074.3824.20170126085406.1';

describe('patient check before attaching images to a case', () => {
  it('checkPatientMatch names each difference: ID vs MRN, name, birth date; none when they agree', () => {
    const db = openDatabase(tempDataDir());
    const quill = createCase(db); // Ada Quill, MRN T-1001, born 1961-05-02
    const study = {
      studyInstanceUid: '1.2.3',
      patientIdDicom: '0000006',
      patientNameDicom: 'Bellona',
      patientBirthDate: '1950-01-01',
    };
    expect(checkPatientMatch(db, quill, [study])).toEqual([
      expect.objectContaining({
        studyInstanceUid: '1.2.3',
        differences: [
          'patient ID "0000006" is not the case\'s MRN "T-1001"',
          'name "Bellona" is not the case\'s patient "Ada Quill"',
          "birth date 1950-01-01 is not the case's 1961-05-02",
        ],
      }),
    ]);
    const same = {
      studyInstanceUid: '1.2.4',
      patientIdDicom: 't-1001',
      patientNameDicom: 'QUILL^ADA^M',
      patientBirthDate: '1961-05-02',
    };
    expect(checkPatientMatch(db, quill, [same])).toEqual([]);
    // Same ID but another name: still a mismatch (a typo in the ID, or the wrong patient).
    expect(checkPatientMatch(db, quill, [{ ...same, patientNameDicom: 'Quail^Bob' }])[0].differences).toEqual([
      'name "Bob Quail" is not the case\'s patient "Ada Quill"',
    ]);
    // Anonymised images cannot be checked: the user must confirm.
    expect(
      checkPatientMatch(db, quill, [
        { studyInstanceUid: '1.2.5', patientIdDicom: null, patientNameDicom: null, patientBirthDate: null },
      ])[0].differences,
    ).toEqual(['the images carry no patient ID or name to check against the case']);
    expect(() => checkPatientMatch(db, 999, [same])).toThrow('Case 999 does not exist');
    db.close();
  });

  it('reads DICOM person names, accents and punctuation aside', () => {
    expect(parsePersonName('Doe^Archibald')).toEqual({ family: 'Doe', given: ['archibald'] });
    expect(parsePersonName('ÖZTÜRK^Ayşe Nur^^Dr')).toEqual({ family: 'ÖZTÜRK', given: ['ayse', 'nur'] });
    const db = openDatabase(tempDataDir());
    const c = createCase(db, { familyName: "O'Brien-Smith", givenNames: 'Éamon', mrn: 'M-77' });
    expect(
      checkPatientMatch(db, c, [
        {
          studyInstanceUid: '1.2',
          patientIdDicom: 'M-77',
          patientNameDicom: 'OBRIEN SMITH^EAMON',
          patientBirthDate: null,
        },
      ]),
    ).toEqual([]);
    db.close();
  });

  it('importDicom with a case: a mismatched study is imported but not attached, and reported', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const quill = createCase(db);
    const result = await importDicom(db, dataDir, [CT_SERIES], { caseId: quill });
    expect(result.imported).toBe(37);
    expect(result.studies[0].caseId).toBeNull();
    expect(result.needsConfirmation).toEqual([
      {
        studyInstanceUid: CT_STUDY,
        studyDescription: 'CT CHEST W CONTRAST',
        studyDate: '2015-10-26',
        dicom: { patientId: '0000006', patientName: 'Bellona', birthDate: null },
        case: { caseId: quill, mrn: 'T-1001', familyName: 'Quill', givenNames: 'Ada', dateOfBirth: '1961-05-02' },
        differences: [
          'patient ID "0000006" is not the case\'s MRN "T-1001"',
          'name "Bellona" is not the case\'s patient "Ada Quill"',
        ],
      },
    ]);
    expect(listCaseStudies(db, quill)).toEqual([]);

    // The user confirms: attachStudy attaches it and says what was confirmed.
    const attached = attachStudy(db, CT_STUDY, quill);
    expect(attached.mismatch?.differences).toHaveLength(2);
    expect(listCaseStudies(db, quill).map((s) => s.studyInstanceUid)).toEqual([CT_STUDY]);
    db.close();
  });

  it('with confirmMismatch the study is attached despite the difference', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const quill = createCase(db);
    const result = await importDicom(db, dataDir, [CT_SERIES], { caseId: quill, confirmMismatch: true });
    expect(result.needsConfirmation).toEqual([]);
    expect(result.studies[0].caseId).toBe(quill);
    db.close();
  });

  it('matching studies attach on their own; re-importing duplicates can attach an already indexed study', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    await importDicom(db, dataDir, [path.join(CD_TREE, 'DICOMDIR')]);
    const doe = createCase(db, { familyName: 'Doe', givenNames: 'Archibald', mrn: '77654033' });
    const again = await importDicom(db, dataDir, [path.join(CD_TREE, 'DICOMDIR')], { caseId: doe });
    expect(again).toMatchObject({ imported: 0, duplicates: 31 });
    const archibald = again.studies.filter((s) => s.patientIdDicom === '77654033');
    expect(archibald).toHaveLength(2);
    expect(archibald.every((s) => s.caseId === doe)).toBe(true);
    // Peter Doe's studies (ID 98890234) are not this patient's.
    expect(again.needsConfirmation.map((m) => m.dicom.patientName)).toEqual([
      'Doe^Peter',
      'Doe^Peter',
      'Doe^Peter',
      'Doe^Peter',
    ]);
    expect(listCaseStudies(db, doe)).toHaveLength(2);
    db.close();
  });

  it('a study attached to one case is not moved to another without asking', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const first = createCase(db, { mrn: '0000006', familyName: 'Bellona', givenNames: 'X' });
    const second = createCase(db, { mrn: 'OTHER-1' });
    await importDicom(db, dataDir, [CT_SERIES], { caseId: first });
    const again = await importDicom(db, dataDir, [CT_SERIES], { caseId: second, confirmMismatch: true });
    expect(again.studies[0].caseId).toBe(first);
    expect(again.warnings).toEqual([`study ${CT_STUDY} is already attached to case ${first}: left there`]);
    expect(() => attachStudy(db, CT_STUDY, second)).toThrow(/attached to case \d+; move it explicitly/);
    expect(attachStudy(db, CT_STUDY, second, { move: true }).previousCaseId).toBe(first);
    expect(sql.getStudyByUid(db, CT_STUDY)!.case_id).toBe(second);
    detachStudy(db, { caseId: second, studyInstanceUid: CT_STUDY, reason: 'wrong case' });
    expect(sql.getStudyByUid(db, CT_STUDY)!.case_id).toBeNull();
    expect(() => attachStudy(db, '9.9.9', second)).toThrow(/not in the image index/);
    db.close();
  });
});
