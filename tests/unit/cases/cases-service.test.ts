import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { createClinicalServices } from '../../../electron/services/clinical';
import { DomainError } from '../../../electron/services/errors';
import { CaseInput } from '../../../shared/domain/case';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

function service() {
  let tick = 0;
  const db = openDatabase(tempDataDir());
  // A clock that always moves forward, so "most recently changed first" is deterministic.
  return { db, cases: new CasesService(db, () => new Date(Date.UTC(2026, 10, 1, 9, 0, tick++)).toISOString()) };
}

const parse = (o: Parameters<typeof caseInput>[0] = {}) => CaseInput.parse(caseInput(o));

describe('CasesService', () => {
  it('creates a case with its patient and reads every field back', () => {
    const { cases } = service();
    const created = cases.create(parse());
    expect(created).toMatchObject({
      id: 1,
      version: 1,
      status: 'draft',
      ecog: 1,
      siteChapter: 'trunk-extremity',
      patient: { familyName: 'Quill', givenNames: 'Ada', mrn: 'T-1001', dateOfBirth: '1961-05-02', sex: 'female' },
    });
    expect(cases.get(created.id)).toEqual(created);
  });

  it('refuses a second patient with the same MRN in any letter case, naming the field and offering an episode', () => {
    const { cases } = service();
    cases.create(parse());
    const attempt = () => cases.create(parse({ patient: { mrn: 't-1001', familyName: 'Other' } }));
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(
      'MRN t-1001 already belongs to QUILL, Ada (born 2 May 1961), 1 episode (case 1): create this case as a new episode of that patient',
    );
    try {
      attempt();
    } catch (err) {
      expect((err as DomainError).field).toBe('patient.mrn');
    }
    expect(cases.count()).toBe(1);
  });

  it('updates a case and its patient, bumping the version, and refuses a stale version', () => {
    const { cases } = service();
    const v1 = cases.create(parse());
    const v2 = cases.update(
      v1.id,
      v1.version,
      parse({ workingDiagnosis: 'Myxofibrosarcoma', patient: { familyName: 'Quill-Ng' } }),
    );
    expect(v2.version).toBe(2);
    expect(v2.workingDiagnosis).toBe('Myxofibrosarcoma');
    expect(v2.patient.familyName).toBe('Quill-Ng');
    expect(v2.updatedAt > v1.updatedAt).toBe(true);

    // A second window still holding version 1 must not overwrite version 2.
    expect(() => cases.update(v1.id, v1.version, parse({ workingDiagnosis: 'Lipoma' }))).toThrow(/changed elsewhere/);
    expect(cases.get(v1.id).workingDiagnosis).toBe('Myxofibrosarcoma');
  });

  it('keeps the patient unchanged when an update fails on a duplicate MRN', () => {
    const { cases } = service();
    cases.create(parse({ patient: { mrn: 'A-1' } }));
    const b = cases.create(parse({ patient: { mrn: 'B-2', familyName: 'Brook' } }));
    expect(() => cases.update(b.id, b.version, parse({ patient: { mrn: 'A-1', familyName: 'Changed' } }))).toThrow(
      /already belongs/,
    );
    expect(cases.get(b.id).patient).toMatchObject({ mrn: 'B-2', familyName: 'Brook' });
  });

  it('searches by name, MRN, diagnosis and site; all words must match; LIKE wildcards are literal', () => {
    const { cases } = service();
    cases.create(
      parse({
        patient: { familyName: 'Halverson', givenNames: 'Graham', mrn: 'BP-1' },
        workingDiagnosis: 'Dedifferentiated liposarcoma',
      }),
    );
    cases.create(
      parse({
        patient: { familyName: 'Fairclough', givenNames: 'Margaret', mrn: 'BP-2' },
        workingDiagnosis: 'Leiomyosarcoma of the IVC',
      }),
    );
    cases.create(
      parse({
        patient: { familyName: 'Prentice', givenNames: 'Lauren', mrn: 'ZX-9' },
        workingDiagnosis: 'Cervical carcinoma, 100% psoas, code_b',
      }),
    );
    const names = (query: string) => cases.list({ query }).rows.map((c) => c.patientName);

    expect(names('halver')).toEqual(['HALVERSON, Graham']);
    expect(names('margaret')).toEqual(['FAIRCLOUGH, Margaret']);
    expect(names('bp-2')).toEqual(['FAIRCLOUGH, Margaret']);
    expect(names('sarcoma')).toEqual(['FAIRCLOUGH, Margaret', 'HALVERSON, Graham']);
    expect(names('liposarcoma halverson')).toEqual(['HALVERSON, Graham']);
    expect(names('liposarcoma fairclough')).toEqual([]);
    expect(names('thigh')).toHaveLength(3);
    expect(names('e_b')).toEqual(['PRENTICE, Lauren']);
    expect(names('e_')).toEqual(['PRENTICE, Lauren']);
    expect(names('zx%')).toEqual([]);
    expect(names('100%')).toEqual(['PRENTICE, Lauren']);
    expect(names('')).toHaveLength(3);
  });

  it('filters by status and lists the most recently changed first', () => {
    const { cases } = service();
    const a = cases.create(parse({ patient: { mrn: 'A', familyName: 'Alpha' } }));
    cases.create(parse({ patient: { mrn: 'B', familyName: 'Beta' }, status: 'ready' }));
    cases.create(parse({ patient: { mrn: 'C', familyName: 'Gamma' }, status: 'discussed' }));
    cases.update(a.id, a.version, parse({ patient: { mrn: 'A', familyName: 'Alpha' }, status: 'closed' }));
    const names = (status?: 'draft' | 'ready' | 'closed') =>
      cases.list({ query: '', filters: { status } }).rows.map((c) => c.patientName);
    expect(names()).toEqual(['ALPHA, Ada', 'GAMMA, Ada', 'BETA, Ada']);
    expect(cases.list({ query: '', filters: { status: 'draft' } })).toEqual({ rows: [], total: 0 });
    expect(names('ready')).toEqual(['BETA, Ada']);
    expect(names('closed')).toEqual(['ALPHA, Ada']);
  });

  it("says whether an MRN is free, treating a case's own MRN as free for that case", () => {
    const { cases } = service();
    const a = cases.create(parse({ patient: { mrn: 'M-77' } }));
    expect(cases.lookupMrn('m-77')).toMatchObject({
      available: false,
      owner: { caseId: a.id, patientName: 'QUILL, Ada' },
      patient: { id: a.patient.id, name: 'QUILL, Ada', mrn: 'M-77', dateOfBirth: '1961-05-02', sex: 'female' },
    });
    expect(cases.lookupMrn('M-77', a.id)).toEqual({ available: true, owner: null, patient: null });
    expect(cases.lookupMrn('M-78')).toEqual({ available: true, owner: null, patient: null });
  });

  describe('the ready gate (issue 4): an edit never makes a case ready', () => {
    const REFUSAL = 'Use “Mark ready” on the Clinical tab: the work-up is checked first';

    it.each(['draft', 'discussed', 'closed'] as const)(
      'refuses %s -> ready, naming the status field, and changes nothing',
      (from) => {
        const { cases } = service();
        const before = cases.create(parse({ status: from }));
        let error: unknown;
        try {
          cases.update(
            before.id,
            before.version,
            parse({ status: 'ready', workingDiagnosis: 'Changed in the same save' }),
          );
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: 'refused', field: 'status', message: REFUSAL });
        // The whole save is refused: no field of it is half-written, and the version does not move.
        expect(cases.get(before.id)).toEqual(before);
      },
    );

    it('lets a case that is already ready stay ready while other fields are edited', () => {
      const { cases } = service();
      const ready = cases.create(parse({ status: 'ready' }));
      const edited = cases.update(ready.id, ready.version, parse({ status: 'ready', boardQuestion: 'Surgery first?' }));
      expect(edited).toMatchObject({ status: 'ready', boardQuestion: 'Surgery first?', version: ready.version + 1 });
    });

    it('lets a ready case go back to draft (or on to discussed), and then refuses making it ready again by edit', () => {
      const { cases } = service();
      const ready = cases.create(parse({ status: 'ready' }));
      const draft = cases.update(ready.id, ready.version, parse({ status: 'draft' }));
      expect(draft.status).toBe('draft');
      expect(() => cases.update(draft.id, draft.version, parse({ status: 'ready' }))).toThrow(REFUSAL);
      const discussed = cases.update(draft.id, draft.version, parse({ status: 'discussed' }));
      expect(discussed.status).toBe('discussed');
    });

    it('accepts keeping "ready" after the case was marked ready through the gate (with an override)', () => {
      const { db, cases } = service();
      const created = cases.create(parse());
      const marked = createClinicalServices(db).markReady(created.id, '2026-12-10', {
        by: { userId: null, name: 'Dr Chair' },
        why: 'Urgent: biopsy booked',
      });
      expect(marked.case.status).toBe('ready');
      expect(marked.override?.missing.length).toBeGreaterThan(0);
      const edited = cases.update(created.id, marked.case.version, parse({ status: 'ready', ecog: 2 }));
      expect(edited).toMatchObject({ status: 'ready', ecog: 2 });
    });
  });

  it('reports a missing case as not-found', () => {
    const { cases } = service();
    expect(() => cases.get(42)).toThrow('Case 42 does not exist');
  });
});

describe('case input validation (shared schema, used by the form and the handler)', () => {
  it.each([
    [{ patient: { dateOfBirth: '2023-02-30' } }, 'patient.dateOfBirth', 'Not a real calendar date'],
    [{ patient: { dateOfBirth: '02/03/1960' } }, 'patient.dateOfBirth', 'Use the format YYYY-MM-DD'],
    [{ patient: { dateOfBirth: '2999-01-01' } }, 'patient.dateOfBirth', 'Date of birth is in the future'],
    [{ patient: { mrn: 'AB 12' } }, 'patient.mrn', 'MRN may hold letters, digits'],
    [{ patient: { familyName: '   ' } }, 'patient.familyName', 'Family name is required'],
    [{ boardQuestion: '' }, 'boardQuestion', 'Question for the board is required'],
    [{ ecog: 5 }, 'ecog', 'ECOG is 0 to 4'],
  ])('rejects %j at %s', (override, field, message) => {
    const result = CaseInput.safeParse(caseInput(override as never));
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join('.') === field);
    expect(issue?.message).toContain(message);
  });
});
