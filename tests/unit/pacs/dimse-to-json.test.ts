import { describe, expect, it } from 'vitest';
import { toDicomJson } from '../../../electron/services/pacs/dimse/to-json';

describe('a C-FIND answer as DICOM JSON', () => {
  it('gives tags, VRs and values as QIDO-RS does: numbers for IS, no Value when empty, person names as objects', () => {
    const json = toDicomJson({
      _vrMap: {},
      StudyInstanceUID: '1.2.3',
      StudyDate: '20151026',
      PatientName: [{ Alphabetic: 'Bellona' }],
      PatientBirthDate: '',
      ModalitiesInStudy: ['CT', 'PT'],
      NumberOfStudyRelatedSeries: 2,
      NumberOfStudyRelatedInstances: '37',
      StudyID: '',
    });
    expect(json).toEqual({
      '0020000D': { vr: 'UI', Value: ['1.2.3'] },
      '00080020': { vr: 'DA', Value: ['20151026'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Bellona' }] },
      '00100030': { vr: 'DA' },
      '00080061': { vr: 'CS', Value: ['CT', 'PT'] },
      '00201206': { vr: 'IS', Value: [2] },
      '00201208': { vr: 'IS', Value: [37] },
      '00200010': { vr: 'SH' },
    });
  });

  it('turns sequence items into DICOM JSON too', () => {
    const json = toDicomJson({
      ReferencedSeriesSequence: [{ SeriesInstanceUID: '1.2.3.4', SeriesNumber: '' }],
    });
    expect(json).toEqual({
      '00081115': { vr: 'SQ', Value: [{ '0020000E': { vr: 'UI', Value: ['1.2.3.4'] }, '00200011': { vr: 'IS' } }] },
    });
  });
});
