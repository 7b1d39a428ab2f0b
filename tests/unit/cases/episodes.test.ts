import { describe, expect, it } from 'vitest';
import { caseHandlers } from '../../../electron/host/handlers/cases';
import type { Services } from '../../../electron/host/services';
import { studySeriesOfCases } from '../../../electron/services/clinical/clinical-sql';
import { detachStudy, purgeStudies } from '../../../electron/services/dicom/detach-purge';
import { DomainError } from '../../../electron/services/errors';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import { StudiesService } from '../../../electron/services/imaging/studies-service';
import { acceptRenderUpload } from '../../../electron/services/imaging/render-store';
import { casesContract } from '../../../shared/contract/cases';
import { CaseInput } from '../../../shared/domain/case';
import { patientDifferences } from '../../../shared/domain/episode';
import { caseInput, type CaseOverrides } from '../helpers/case-input';
import { insertKeyImages, setup } from '../meetings/fixtures';

const parse = (o: CaseOverrides = {}) => CaseInput.parse(caseInput(o));
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** One patient (MRN T-1001) with a first case; tests add the episodes they are about. */
function patientWithFirstCase() {
  const s = setup();
  const first = s.cases.create(parse({ workingDiagnosis: 'Leiomyosarcoma of the thigh' }));
  return { ...s, first };
}

/** What the refusal of `fn` says, and on which field. */
function refusal(fn: () => unknown): { message: string; field?: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message, field: err.field };
    throw err;
  }
  throw new Error('not refused');
}

describe('episodes: several cases of one patient (issue 13, item 6)', () => {
  it('creates a new episode of an existing patient, sharing the one patient row, numbered in creation order', () => {
    const { cases, first, db } = patientWithFirstCase();
    const second = cases.create(
      parse({ episodeKind: 'restaging', questionKind: 'post-operative', workingDiagnosis: 'LMS after radiotherapy' }),
      first.patient.id,
    );
    expect(second.patient).toEqual(first.patient);
    expect(second).toMatchObject({ episodeKind: 'restaging', questionKind: 'post-operative' });
    expect(db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(1);
    const summaries = cases.list({ query: '' }).rows;
    expect(summaries.map((c) => [c.id, c.episodeKind, c.episodeNumber, c.episodeCount])).toEqual([
      [second.id, 'restaging', 2, 2],
      [first.id, 'new-diagnosis', 1, 2],
    ]);
    // A patient with one case is episode 1 of 1.
    const other = cases.create(parse({ patient: { mrn: 'T-2002', familyName: 'Other' } }));
    expect(cases.list({ query: 'T-2002' }).rows[0]).toMatchObject({ id: other.id, episodeNumber: 1, episodeCount: 1 });
  });

  it('refuses a new episode whose patient details differ from the record, naming every difference', () => {
    const { cases, first } = patientWithFirstCase();
    const differs = refusal(() =>
      cases.create(parse({ patient: { dateOfBirth: '1961-05-03', sex: 'male' } }), first.patient.id),
    );
    expect(differs).toEqual({
      message:
        "This new episode's patient details differ from QUILL, Ada's record (date of birth: 2 May 1961 on record, 3 May 1961 here; sex: Female on record, Male here). Use the details on record; to correct the record, edit an existing episode (the change applies to all of them).",
      field: 'patient.dateOfBirth',
    });
    // Names compare without letter case or surrounding spaces; the record keeps its own spelling.
    const same = cases.create(parse({ patient: { familyName: 'QUILL', givenNames: ' ada ' } }), first.patient.id);
    expect(same.patient.familyName).toBe('Quill');
    // The MRN must be the patient's.
    expect(refusal(() => cases.create(parse({ patient: { mrn: 'T-9999' } }), first.patient.id))).toEqual({
      message:
        "MRN T-9999 is not the MRN of QUILL, Ada (born 2 May 1961) (T-1001): a new episode keeps the patient's MRN",
      field: 'patient.mrn',
    });
    expect(refusal(() => cases.create(parse(), 999))).toEqual({
      message: 'Patient 999 does not exist',
      field: 'patientId',
    });
    expect(cases.count()).toBe(2);
  });

  it('patientDifferences is empty for the same patient and names each field otherwise', () => {
    const p = { familyName: 'Doe', givenNames: 'Jane', dateOfBirth: '1960-01-01', sex: 'female' as const };
    expect(patientDifferences(p, { ...p, familyName: ' doe ' })).toEqual([]);
    expect(
      patientDifferences(p, { familyName: 'Roe', givenNames: 'Jane', dateOfBirth: '1960-01-01', sex: 'female' }),
    ).toEqual([{ field: 'patient.familyName', text: 'family name: “Doe” on record, “Roe” here', onRecord: '“Doe”' }]);
  });

  it('lookupMrn names the patient with their episodes; the refusal without patientId offers the episode', () => {
    const { cases, first } = patientWithFirstCase();
    const second = cases.create(parse({ episodeKind: 'post-operative' }), first.patient.id);
    expect(cases.lookupMrn('t-1001')).toMatchObject({
      available: false,
      patient: {
        id: first.patient.id,
        name: 'QUILL, Ada',
        dateOfBirth: '1961-05-02',
        sex: 'female',
        episodes: [
          {
            caseId: first.id,
            number: 1,
            episodeKind: 'new-diagnosis',
            workingDiagnosis: 'Leiomyosarcoma of the thigh',
          },
          { caseId: second.id, number: 2, episodeKind: 'post-operative', status: 'draft' },
        ],
      },
    });
    expect(refusal(() => cases.create(parse()))).toEqual({
      message: `MRN T-1001 already belongs to QUILL, Ada (born 2 May 1961), 2 episodes (cases ${first.id}, ${second.id}): create this case as a new episode of that patient`,
      field: 'patient.mrn',
    });
  });

  it('an edit of the demographics from any episode changes the one patient, seen from every episode', () => {
    const { cases, first } = patientWithFirstCase();
    const second = cases.create(parse({ episodeKind: 'recurrence' }), first.patient.id);
    cases.update(second.id, second.version, parse({ episodeKind: 'recurrence', patient: { familyName: 'Quill-Ng' } }));
    expect(cases.get(first.id).patient.familyName).toBe('Quill-Ng');
    // An episode's own MRN is its patient's: not "another patient's".
    expect(cases.lookupMrn('T-1001', first.id)).toMatchObject({ available: true, patient: null });
  });

  it('cases:episodes lists the other episodes with their board outcomes', () => {
    const s = patientWithFirstCase();
    const { cases, first, m } = s;
    const meetingId = s.newMeeting({ startsAt: '2026-12-10T13:00' });
    const [itemId] = m.agenda.add(meetingId, [first.id]).items.map((i) => i.id);
    const v = m.decisions.save(itemId, 0, {
      ...m.decisions.get(itemId).current,
      outcome: 'discussed',
      intent: 'curative',
      recommendation: { options: ['surgery'], text: 'Wide excision after radiotherapy' },
    }).version;
    m.decisions.signOff(itemId, v, { userId: null, name: 'Dr Chair' }, 'Quorum is not what this test is about');
    const second = cases.create(parse({ episodeKind: 'post-operative' }), first.patient.id);

    const view = cases.episodes(second.id);
    expect(view).toMatchObject({ caseId: second.id, patientId: first.patient.id, number: 2, count: 2 });
    expect(view.others).toHaveLength(1);
    expect(view.others[0]).toMatchObject({
      caseId: first.id,
      number: 1,
      episodeKind: 'new-diagnosis',
      workingDiagnosis: 'Leiomyosarcoma of the thigh',
      meetings: [
        {
          itemId,
          meetingId,
          startsAt: '2026-12-10T13:00',
          decision: {
            status: 'signed',
            outcome: 'discussed',
            intent: 'curative',
            signedOffBy: 'Dr Chair',
            recommendation: { options: ['surgery'], text: 'Wide excision after radiotherapy' },
          },
        },
      ],
    });
    // Seen from the first episode, the later one is the other; no meeting yet.
    expect(cases.episodes(first.id)).toMatchObject({
      number: 1,
      count: 2,
      others: [{ caseId: second.id, meetings: [] }],
    });
    // The contract describes the answer whole.
    expect(casesContract['cases:episodes'].output.parse(view)).toEqual(view);
    expect(() => cases.episodes(999)).toThrow('Case 999 does not exist');
  });

  it('goes through the handlers: cases:create takes patientId, cases:episodes answers', () => {
    const { cases, first, audit } = { ...patientWithFirstCase(), audit: { recordOpen: () => {} } };
    const h = caseHandlers({ cases, audit } as unknown as Services);
    const input = casesContract['cases:create'].input.parse({
      ...caseInput({ episodeKind: 'surveillance' }),
      patientId: first.patient.id,
    });
    const created = h['cases:create'](input, {} as never) as ReturnType<typeof cases.get>;
    expect(created).toMatchObject({ episodeKind: 'surveillance', patient: { id: first.patient.id } });
    expect(h['cases:episodes']({ caseId: created.id }, {} as never)).toMatchObject({ number: 2, count: 2 });
  });
});

describe('episodes share the imaging', () => {
  it("a case's readiness evidence and Imaging tab count the studies of the patient's other episodes", () => {
    const { db, dataDir, cases, first, clinical } = patientWithFirstCase();
    insertKeyImages(db, first.id, 0); // a CT of 2 Oct 2026 attached to the first episode, no key image
    const second = cases.create(parse({ episodeKind: 'restaging' }), first.patient.id);
    const unrelated = cases.create(parse({ patient: { mrn: 'T-3003', familyName: 'Other' } }));

    const rows = studySeriesOfCases(db, [first.id, second.id, unrelated.id]);
    expect(rows.map((r) => [r.case_id, r.attached_case_id, r.study_date, r.modality])).toEqual([
      [first.id, first.id, '2026-10-02', 'CT'],
      [second.id, first.id, '2026-10-02', 'CT'],
    ]);
    const evidence = clinical.readiness.view(second.id, '2026-10-20').items.filter((i) => i.evidence?.kind === 'study');
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((i) => i.evidence?.date === '2026-10-02')).toBe(true);

    const studies = new StudiesService(db, dataDir);
    expect(studies.studiesOfCase(second.id)).toMatchObject([
      { studyDate: '2026-10-02', episode: { caseId: first.id, number: 1, episodeKind: 'new-diagnosis' } },
    ]);
    expect(studies.studiesOfCase(first.id)).toMatchObject([{ studyDate: '2026-10-02', episode: null }]);
    expect(studies.studiesOfCase(unrelated.id)).toEqual([]);
  });

  it("a key image made in this case on an earlier episode's study belongs to this case; detach and purge respect it", () => {
    const { db, dataDir, cases, first } = patientWithFirstCase();
    // A CT study attached to the first episode (insertKeyImages with 0 key images), with one image.
    insertKeyImages(db, first.id, 0);
    const seriesId = db.prepare('SELECT id FROM dicom_series LIMIT 1').pluck().get() as number;
    const studyUid = db.prepare('SELECT study_instance_uid FROM dicom_studies LIMIT 1').pluck().get() as string;
    const image = `${studyUid}.1.1`;
    db.prepare(
      `INSERT INTO dicom_instances (sop_instance_uid, sop_class_uid, series_id, instance_number, transfer_syntax_uid, file_hash,
         file_size, stored_path, imported_at, import_id)
       VALUES (?, '1.2.840.10008.5.1.4.1.1.2', ?, 1, '1.2.840.10008.1.2.1', ?, 1, 'images/x.dcm', 'now',
         (SELECT max(id) FROM dicom_imports))`,
    ).run(image, seriesId, '0'.padStart(64, '0'));
    const second = cases.create(parse({ episodeKind: 'restaging' }), first.patient.id);
    const stranger = cases.create(parse({ patient: { mrn: 'T-3003', familyName: 'Other' } }));

    const keyImages = new KeyImagesService(db, dataDir);
    const view = { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } };
    acceptRenderUpload(dataDir, 'render-token-stranger', PNG_1X1);
    expect(() =>
      keyImages.create({
        caseId: stranger.id,
        sopInstanceUid: image,
        frame: 0,
        caption: 'x',
        view,
        annotations: [],
        renderToken: 'render-token-stranger',
      }),
    ).toThrow(/not attached to this case or to another episode/);
    acceptRenderUpload(dataDir, 'render-token-episode', PNG_1X1);
    const made = keyImages.create({
      caseId: second.id,
      sopInstanceUid: image,
      frame: 0,
      caption: 'Baseline again',
      view,
      annotations: [],
      renderToken: 'render-token-episode',
    });
    expect(made.caseId).toBe(second.id);
    expect(keyImages.list(first.id)).toEqual([]);
    expect(keyImages.list(second.id).map((k) => k.caption)).toEqual(['Baseline again']);

    // Detaching the study from the first episode would take it from under the second one's key image.
    expect(() => detachStudy(db, { caseId: first.id, studyInstanceUid: studyUid, reason: 'wrong patient' })).toThrow(
      `Another episode of this patient (case ${second.id}) has a key image from this study ("Baseline again"): remove it there first, then detach the study.`,
    );
    // The study is detached from its own case only.
    expect(() => detachStudy(db, { caseId: second.id, studyInstanceUid: studyUid, reason: 'x' })).toThrow(
      `This study is attached to case ${first.id}, not to case ${second.id}.`,
    );
    keyImages.remove(made.id);
    detachStudy(db, { caseId: first.id, studyInstanceUid: studyUid, reason: 'wrong patient' });
    expect(new StudiesService(db, dataDir).studiesOfCase(second.id)).toEqual([]);
    expect(purgeStudies(db, dataDir, { studyInstanceUids: [studyUid], reason: 'not ours' }).purged).toBe(1);
  });
});
