import { describe, expect, it } from 'vitest';
import { LesionsService } from '../../../electron/services/imaging/lesions-service';
import { LesionInput } from '../../../shared/domain/imaging';
import { PathologyInput } from '../../../shared/domain/pathology';
import { caller, setup } from './fixtures';

/** Letters and minutes word the stage as the screen and the slide do (shared/clinical/stage-text.ts). */
describe('the staging fact of an outcome letter', () => {
  it('never gives the bare GX group when the histotype raises it, and puts pT first after a resection', async () => {
    const s = setup();
    const call = caller(s.m);
    const { clinical } = s;
    const meetingId = s.newMeeting();
    const caseId = s.newCase({ siteChapter: 'retroperitoneum' });
    const itemId = s.m.agenda.add(meetingId, [caseId]).items[0].id;
    new LesionsService(s.db).create(
      caseId,
      LesionInput.parse({
        label: 'primary',
        longCm: 16.3,
        shortCm: 8,
        craniocaudalCm: null,
        studyDate: '2026-11-20',
        source: 'typed',
      }),
    );
    clinical.pathology.create(
      caseId,
      PathologyInput.parse({
        procedure: 'core-needle-biopsy',
        specimenDate: '2026-10-08',
        histotypeId: 'dedifferentiated-liposarcoma',
      }),
    );
    const facts = async () => {
      const answer = await call('decisions:recordFacts', { meetingId, itemId });
      return answer.ok ? answer.value[0].staging : null;
    };
    expect(await facts()).toBe(
      'cT4 cN0 cM0 GX, stage IB (at least IIIB: grade not assessed, a dedifferentiated liposarcoma is at least G2)',
    );
    // The letter's own diagnosis, grade and stage lines (issue 14), the stage in the same words.
    const lines = async () => {
      const answer = await call('decisions:recordFacts', { meetingId, itemId });
      return answer.ok
        ? (({ histotype, grade, stageGroup }) => ({ histotype, grade, stageGroup }))(answer.value[0])
        : null;
    };
    expect(await lines()).toEqual({
      histotype: 'Dedifferentiated liposarcoma',
      grade: expect.stringMatching(/^FNCLCC GX/),
      stageGroup: 'IB (at least IIIB: grade not assessed, a dedifferentiated liposarcoma is at least G2)',
    });

    clinical.pathology.create(
      caseId,
      PathologyInput.parse({
        procedure: 'resection',
        specimenId: 'S26-1234',
        specimenDate: '2026-11-25',
        histotypeId: 'dedifferentiated-liposarcoma',
        mitosesPer10Hpf: 25,
        necrosisPercent: 10,
        tumourDim1Cm: 12.5,
      }),
    );
    expect(await facts()).toBe(
      'pT3 cN0 cM0 G3, stage IIIB (pT3: 12.5 cm, resection specimen S26-1234 of 25 Nov 2026); ' +
        'clinical cT4 cN0 cM0 G3, stage IIIB',
    );
    expect(await lines()).toEqual({
      histotype: 'Dedifferentiated liposarcoma',
      grade: 'FNCLCC G3',
      stageGroup: 'IIIB',
    });
    // De-identified letters and minutes do not name the specimen.
    const deid = await call('decisions:recordFacts', { meetingId, itemId, deidentified: true });
    expect(deid.ok && deid.value[0].staging).toContain('pT3: 12.5 cm, resection specimen [specimen] of 25 Nov 2026');
  });
});
