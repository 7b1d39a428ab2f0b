import { describe, expect, it } from 'vitest';
import {
  EMPTY_MARGIN,
  EMPTY_PATHOLOGY,
  draftFromReport,
  validatePathology,
  type PathologyDraft,
} from '../../../renderer/features/clinical/pathology-draft';
import { report, setup } from './fixtures';

/** The pathology form's draft: the specimen's size, depth and margins as typed, checked as the main process checks. */
const draft = (over: Partial<PathologyDraft>): PathologyDraft => ({
  ...EMPTY_PATHOLOGY,
  procedure: 'resection',
  specimenDate: '2026-11-09',
  ...over,
});

describe('the pathology draft: specimen size, depth and margins', () => {
  it('turns what was typed into the contract fields ("12,5" is 12.5; an empty distance is null)', () => {
    const { fields, errors } = validatePathology(
      draft({
        tumourDim1Cm: '12,5',
        tumourDim2Cm: '8',
        tumourDim3Cm: '',
        depth: 'deep',
        margins: [
          { margin: 'deep', distanceMm: '1', lessThan: true, involved: false },
          { ...EMPTY_MARGIN, margin: 'posterior', involved: true },
        ],
      }),
    );
    expect(errors).toEqual({});
    expect(fields).toMatchObject({
      tumourDim1Cm: 12.5,
      tumourDim2Cm: 8,
      tumourDim3Cm: null,
      depth: 'deep',
      margins: [
        { margin: 'deep', distanceMm: 1, lessThan: true, involved: false },
        { margin: 'posterior', distanceMm: null, lessThan: false, involved: true },
      ],
    });
  });

  it('puts each message on the field that shows it', () => {
    const { errors } = validatePathology(
      draft({
        tumourDim1Cm: 'twelve',
        tumourDim2Cm: '0',
        margins: [
          { margin: '', distanceMm: 'abc', lessThan: false, involved: false },
          { margin: 'deep', distanceMm: '', lessThan: true, involved: false },
        ],
      }),
    );
    expect(errors).toEqual({
      tumourDim1Cm: 'Enter a number',
      tumourDim2Cm: 'A tumour dimension must be more than 0 cm',
      'margins.0.margin': 'Name the margin (e.g. deep, proximal)',
      'margins.0.distanceMm': 'Enter a number',
    });
    // The rules across fields speak once each field is valid on its own (as the schema's other cross-field rules).
    expect(
      validatePathology(draft({ margins: [{ margin: 'deep', distanceMm: '', lessThan: true, involved: false }] }))
        .errors,
    ).toEqual({ 'margins.0.distanceMm': 'Give the distance the deep margin is less than' });
  });

  it('a saved report comes back into the form as it was typed', () => {
    const { clinical, newCase } = setup();
    const saved = clinical.pathology.create(
      newCase(),
      report({
        procedure: 'resection',
        tumourDim1Cm: 9.5,
        depth: 'superficial',
        margins: [{ margin: 'distal', distanceMm: 3 }],
      }),
    );
    expect(draftFromReport(saved)).toMatchObject({
      tumourDim1Cm: '9.5',
      tumourDim2Cm: '',
      depth: 'superficial',
      margins: [{ margin: 'distal', distanceMm: '3', lessThan: false, involved: false }],
      // Derived from the list on save, so the form shows it.
      closestMarginMm: '3',
    });
  });
});
