import { describe, expect, it } from 'vitest';
import type { CaseFields, CaseRecord } from '../../../shared/domain/case';
import {
  caseResolver,
  draftFromRecord,
  EMPTY_DRAFT,
  type CaseDraft,
} from '../../../renderer/features/cases/case-draft';

const resolve = (draft: CaseDraft) =>
  caseResolver(draft, undefined, { fields: {}, shouldUseNativeValidation: false, names: [] as never });

const FILLED: CaseDraft = {
  ...EMPTY_DRAFT,
  patient: { familyName: 'Marlowe', givenNames: 'Henrietta', mrn: 'E2E-1', dateOfBirth: '1958-03-14', sex: 'female' },
  consultantName: 'Dr Ines Varga',
  consultantContact: 'bleep 4471',
  tumourSite: 'Right thigh',
  siteChapter: 'trunk-extremity',
  workingDiagnosis: 'Myxoid liposarcoma',
  boardQuestion: 'Preoperative radiotherapy?',
  ecog: '1',
};

describe('the case form checks a draft with the contract schema', () => {
  it('names each missing field by its contract path, with a message fit for the form', async () => {
    const { errors } = await resolve(EMPTY_DRAFT);
    expect(errors.patient?.familyName?.message).toBe('Family name is required');
    expect(errors.patient?.sex?.message).toBe('Choose the sex');
    expect(errors.patient?.dateOfBirth?.message).toBe('Date of birth is required');
    expect(errors.siteChapter?.message).toBe('Choose the AJCC site chapter');
    expect(errors.boardQuestion?.message).toBe('Question for the board is required');
    expect(errors.ecog).toBeUndefined();
  });

  it('keeps the schema message for a value that is there but wrong', async () => {
    const { errors } = await resolve({ ...FILLED, patient: { ...FILLED.patient, dateOfBirth: '2099-01-01' } });
    expect(errors.patient?.dateOfBirth?.message).toBe('Date of birth is in the future');
    expect(Object.keys(errors)).toEqual(['patient']);
  });

  it('hands a valid draft on as contract fields (trimmed, ECOG a number, no ECOG as null)', async () => {
    const { values, errors } = await resolve({ ...FILLED, tumourSite: '  Right thigh ' });
    expect(errors).toEqual({});
    expect(values).toMatchObject({ tumourSite: 'Right thigh', ecog: 1, patient: { sex: 'female' } });
    expect((await resolve({ ...FILLED, ecog: '' })).values).toMatchObject({ ecog: null });
  });

  it('reads a stored case back into the draft it was saved from', async () => {
    const { values } = await resolve(FILLED);
    const fields = values as CaseFields;
    const record: CaseRecord = {
      ...fields,
      patient: { ...fields.patient, id: 7 },
      id: 1,
      version: 3,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    };
    expect(draftFromRecord(record)).toEqual(FILLED);
  });
});
