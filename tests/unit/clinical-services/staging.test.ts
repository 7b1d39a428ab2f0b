import { describe, expect, it } from 'vitest';
import { LesionsService } from '../../../electron/services/imaging/lesions-service';
import { StagingInputsInput } from '../../../shared/domain/clinical';
import { LesionInput } from '../../../shared/domain/imaging';
import { caller, insertStudy, report, setup } from './fixtures';

const lesion = (l: Partial<LesionInput>) =>
  LesionInput.parse({
    label: 'mass',
    longCm: null,
    shortCm: null,
    craniocaudalCm: null,
    studyDate: null,
    source: 'typed',
    ...l,
  });
const inputs = (i: StagingInputsInput = {}) => StagingInputsInput.parse(i);

describe('stage from the record', () => {
  it('takes the size from the largest lesion and says where it came from, naming the imported study of that day', () => {
    const { db, clinical, newCase } = setup();
    const caseId = newCase({ siteChapter: 'retroperitoneum' });
    const lesions = new LesionsService(db);
    lesions.create(
      caseId,
      lesion({ label: 'left para-aortic node', longCm: 2.1, shortCm: 1.4, studyDate: '2026-10-02' }),
    );
    const primary = lesions.create(
      caseId,
      lesion({
        label: 'primary retroperitoneal mass',
        longCm: 9,
        shortCm: 8,
        craniocaudalCm: 16.3,
        studyDate: '2026-10-02',
        source: 'measured',
      }),
    );
    insertStudy(db, caseId, {
      uid: '1.2.1',
      date: '2026-10-02',
      description: 'CT ABDOMEN PELVIS',
      series: [{ modality: 'CT', bodyPart: 'ABDOMEN' }],
    });
    clinical.pathology.create(
      caseId,
      report({ histotypeId: 'dedifferentiated-liposarcoma', mitosesPer10Hpf: 25, necrosisPercent: 10 }),
    );

    const stage = clinical.summary(caseId, '2026-12-10').stage;
    expect(stage).toMatchObject({
      applicable: true,
      T: 'cT4',
      N: 'cN0',
      M: 'cM0',
      G: 'G3',
      stageGroup: 'IIIB',
      defaults: true,
      size: {
        sizeCm: 16.3,
        kind: 'lesion',
        lesionId: primary.id,
        text: "16.3 cm, lesion 'primary retroperitoneal mass', CT of 2 Oct 2026",
      },
    });
    expect(stage.explanation).toMatch(
      /T4 \(retroperitoneum: > 15 cm; 16\.3 cm\)\. Nodal status unknown: counted as N0/,
    );
    expect(stage.explanation).toMatch(/Stage IIIB: T3-T4, N0, M0, G2-G3 \(PDQ Table 7\)/);
  });

  it('a typed override wins over the lesion, with its reason; N1 in the retroperitoneum is IIIB, in the extremity IV', () => {
    const { db, clinical, newCase } = setup();
    const caseId = newCase({ siteChapter: 'retroperitoneum' });
    new LesionsService(db).create(caseId, lesion({ label: 'mass', longCm: 4, studyDate: '2026-10-02' }));
    clinical.pathology.create(
      caseId,
      report({ histotypeId: 'leiomyosarcoma', mitosesPer10Hpf: 1, necrosisPercent: 0 }),
    ); // 2+1+0 = 3 -> G1

    let stage = clinical.staging.stage(caseId);
    expect(stage).toMatchObject({
      T: 'cT1',
      G: 'G1',
      stageGroup: 'IA',
      size: { kind: 'lesion', text: "4 cm, lesion 'mass', typed, study of 2 Oct 2026" },
    });

    stage = clinical.staging.setInputs(
      caseId,
      inputs({ sizeOverrideCm: 12, sizeOverrideReason: 'pathology gross size', N: 'N1', prefix: 'p' }),
    );
    expect(stage).toMatchObject({
      T: 'pT3',
      N: 'pN1',
      stageGroup: 'IIIB',
      defaults: false,
      size: { sizeCm: 12, kind: 'override', lesionId: null, text: 'typed override: pathology gross size' },
    });

    db.prepare("UPDATE cases SET site_chapter = 'trunk-extremity' WHERE id = ?").run(caseId);
    expect(clinical.staging.stage(caseId)).toMatchObject({
      T: 'pT3',
      stageGroup: 'IV',
      explanation: expect.stringMatching(/Stage IV: any T, N1, M0, any G \(trunk and extremities/),
    });

    // Reference example: retroperitoneum 12 cm, N0, M1, G1 -> T3, IV.
    db.prepare("UPDATE cases SET site_chapter = 'retroperitoneum' WHERE id = ?").run(caseId);
    expect(
      clinical.staging.setInputs(caseId, inputs({ sizeOverrideCm: 12, sizeOverrideReason: 'CT', N: 'N0', M: 'M1' })),
    ).toMatchObject({ T: 'cT3', M: 'cM1', stageGroup: 'IV' });
  });

  it('no size gives TX and no group; no report gives GX; a note is carried into the explanation', () => {
    const { clinical, newCase } = setup();
    const caseId = newCase({ siteChapter: 'trunk-extremity' });
    const stage = clinical.staging.setInputs(caseId, inputs({ note: 'possible lung metastasis, not confirmed' }));
    expect(stage).toMatchObject({
      T: 'cTX',
      G: 'GX',
      stageGroup: null,
      size: { sizeCm: null, kind: 'none', text: expect.stringMatching(/^no size recorded/) },
    });
    expect(stage.explanation).toMatch(
      /TX \(tumour size not recorded\).*Staging note: possible lung metastasis, not confirmed$/,
    );
  });

  it("head and neck, visceral: T by extent, no stage group; 'other': no sarcoma staging at all", () => {
    const { db, clinical, newCase } = setup();
    const hn = newCase({ siteChapter: 'head-and-neck' });
    expect(clinical.staging.setInputs(hn, inputs({ tOverride: 'T4b' }))).toMatchObject({
      T: 'cT4b',
      stageGroup: null,
      explanation: expect.stringMatching(/No AJCC stage group for this site \(head and neck\)/),
    });
    const other = newCase({ siteChapter: 'other' });
    new LesionsService(db).create(other, lesion({ longCm: 5 }));
    expect(clinical.staging.stage(other)).toMatchObject({
      applicable: false,
      T: null,
      N: null,
      M: null,
      stageGroup: null,
      explanation: expect.stringMatching(/No AJCC soft tissue sarcoma staging: the site chapter is 'other'/),
      size: { sizeCm: 5 },
    });
  });

  it('the contract: a typed size needs a reason; bad categories are refused in words', async () => {
    const { clinical, newCase } = setup();
    const call = caller(clinical);
    const caseId = newCase();
    expect(await call('staging:setInputs', { caseId, inputs: { sizeOverrideCm: 7 } })).toMatchObject({
      ok: false,
      field: 'inputs.sizeOverrideReason',
      message: expect.stringMatching(/Say why the size is typed by hand/),
    });
    expect(await call('staging:setInputs', { caseId, inputs: { N: 'N2' as never } })).toMatchObject({
      ok: false,
      message: 'Nodal status is N0, N1 or NX (not known)',
    });
    expect(
      await call('staging:setInputs', { caseId, inputs: { sizeOverrideCm: -1, sizeOverrideReason: 'x' } }),
    ).toMatchObject({ ok: false, message: 'Size must be more than 0 cm' });
    expect(await call('staging:setInputs', { caseId: 999, inputs: {} })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await call('staging:setInputs', { caseId, inputs: { M: 'M1' } })).toMatchObject({
      ok: true,
      value: { M: 'cM1', stageGroup: 'IV' },
    });
  });
});
