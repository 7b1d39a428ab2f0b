import { describe, expect, it } from 'vitest';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { DEFAULT_STAGING_INPUTS } from '../../../electron/services/clinical/staging-service';
import { SearchService } from '../../../electron/services/search/search-service';
import type { CaseFilters } from '../../../shared/domain/case-search';
import { MeetingInput } from '../../../shared/domain/meeting';
import { report, setup } from '../clinical-services/fixtures';
import { insertRow } from '../helpers/old-schemas';

/**
 * Search and filters of the case list (issue 14 item 12): free text over the record and its facets (consultant,
 * histotype, grade, stage), each filter, paging totals, facets following the clinical record, saved filters.
 */
function board() {
  const s = setup();
  const { clinical, newCase } = s;
  // G3 undifferentiated pleomorphic sarcoma of the thigh, 8 cm by a typed size: stage IIIA.
  const ups = newCase({
    consultantName: 'Mr Rajesh Patel, sarcoma surgeon',
    patient: { familyName: 'Alder' },
    workingDiagnosis: 'Thigh mass',
  });
  clinical.pathology.create(
    ups,
    report({
      histotypeId: 'undifferentiated-pleomorphic-sarcoma',
      mitosesPer10Hpf: 25,
      necrosisPercent: 30,
    }),
  );
  clinical.staging.setInputs(ups, { ...DEFAULT_STAGING_INPUTS, sizeOverrideCm: 8, sizeOverrideReason: 'clinical' });
  // A retroperitoneal dedifferentiated liposarcoma without its MDM2 FISH yet.
  const ddlps = newCase({
    consultantName: 'Mr Henrik Dahl',
    siteChapter: 'retroperitoneum',
    patient: { familyName: 'Birch' },
    workingDiagnosis: 'Retroperitoneal mass',
  });
  const ddlpsReport = clinical.pathology.create(
    ddlps,
    report({ procedure: 'core-needle-biopsy', histotypeId: 'dedifferentiated-liposarcoma' }),
  );
  // A case with no pathology at all.
  const bare = newCase({
    consultantName: 'Dr Amara Okafor',
    patient: { familyName: 'Cedar' },
    workingDiagnosis: 'Mass, no biopsy yet',
    status: 'discussed',
  });
  return { ...s, ups, ddlps, ddlpsReport, bare };
}

const ids = (page: { rows: { id: number }[] }) => page.rows.map((r) => r.id).sort((a, b) => a - b);

describe('case search', () => {
  it('free text finds the consultant, the histotype, the grade and the stage group, every word having to match', () => {
    const { cases, ups, ddlps } = board();
    const find = (query: string) => ids(cases.list({ query }));
    expect(find('Patel')).toEqual([ups]);
    expect(find('patel thigh')).toEqual([ups]);
    expect(find('patel birch')).toEqual([]);
    expect(find('G3')).toEqual([ups]);
    expect(find('stage IIIA')).toEqual([ups]);
    expect(find('IIIA')).toEqual([ups]);
    expect(find('pleomorphic')).toEqual([ups]);
    expect(find('dedifferentiated liposarcoma')).toEqual([ddlps]);
    // What the old search found still works: name, MRN, diagnosis.
    expect(find('birch')).toEqual([ddlps]);
    expect(find('retroperitoneal mass')).toEqual([ddlps]);
  });

  it('each filter narrows the list', () => {
    const { cases, ups, ddlps, bare } = board();
    const only = (filters: CaseFilters) => ids(cases.list({ query: '', filters }));
    expect(only({})).toEqual([ups, ddlps, bare]);
    expect(only({ consultant: 'patel' })).toEqual([ups]);
    expect(only({ siteChapter: 'retroperitoneum' })).toEqual([ddlps]);
    expect(only({ histotypeId: 'undifferentiated-pleomorphic-sarcoma' })).toEqual([ups]);
    expect(only({ grade: 'G3' })).toEqual([ups]);
    expect(only({ grade: 'G1' })).toEqual([]);
    expect(only({ stageGroup: 'IIIA' })).toEqual([ups]);
    expect(only({ stageGroup: 'IV' })).toEqual([]);
    // Without a histotype MDM2 is pending (it may be needed): open, like missing.
    expect(only({ awaiting: 'mdm2' })).toEqual([ddlps, bare]);
    expect(only({ status: 'discussed' })).toEqual([bare]);
    expect(only({ status: 'draft', grade: 'G3' })).toEqual([ups]);
    expect(only({ dateField: 'created', from: '2000-01-01', to: '2999-12-31' })).toEqual([ups, ddlps, bare]);
    expect(only({ dateField: 'created', to: '2000-01-01' })).toEqual([]);
    expect(only({ dateField: 'updated', from: '2999-01-01' })).toEqual([]);
  });

  it('filters by next meeting (and its date), and by cases on no coming agenda', () => {
    const { db, cases, ups, ddlps, bare } = board();
    const meetings = createMeetingsServices(db, { now: () => '2026-11-20T09:00:00.000Z' });
    const m = meetings.meetings.create(
      MeetingInput.parse({
        boardType: 'sarcoma',
        title: 'Sarcoma MDT',
        startsAt: '2099-02-04T13:00',
        durationMinutes: 60,
        place: '',
        videoLink: '',
        chair: '',
        coordinator: '',
        submissionCutoff: null,
      }),
    );
    meetings.agenda.add(m.id, [ups, bare]);
    const only = (filters: CaseFilters) => ids(cases.list({ query: '', filters }));
    expect(only({ meetingId: m.id })).toEqual([ups, bare]);
    expect(only({ noMeeting: true })).toEqual([ddlps]);
    expect(only({ dateField: 'meeting', from: '2099-02-04', to: '2099-02-04' })).toEqual([ups, bare]);
    expect(only({ dateField: 'meeting', from: '2099-02-05' })).toEqual([]);
  });

  it('answers pages with the total, newest change first, without gaps or repeats', () => {
    const { cases, newCase } = setup();
    const made = Array.from({ length: 7 }, (_, i) => newCase({ patient: { familyName: `Page${i}` } }));
    const pages = [0, 3, 6].map((offset) => cases.list({ query: 'page', offset, limit: 3 }));
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    expect(pages.map((p) => p.rows.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual([...made].reverse());
    expect(cases.list({ query: 'page', offset: 7, limit: 3 })).toEqual({ rows: [], total: 7 });
  });

  it('facets follow the clinical record: a report with the MDM2 result, a new grade, a tick', () => {
    const { db, cases, clinical, ddlps, ddlpsReport, ups, bare } = board();
    const only = (filters: CaseFilters) => ids(cases.list({ query: '', filters }));
    expect(only({ awaiting: 'mdm2' })).toEqual([ddlps, bare]);
    clinical.pathology.update(
      ddlpsReport.id,
      report({
        procedure: 'core-needle-biopsy',
        histotypeId: 'dedifferentiated-liposarcoma',
        molecular: [{ test: 'MDM2 amplification (FISH)', result: 'amplified' }],
        differentiation: 3,
        mitosesPer10Hpf: 1,
        necrosisPercent: 0,
      }),
    );
    expect(only({ awaiting: 'mdm2' })).toEqual([bare]);
    // differentiation 3 + mitoses 1 + necrosis 0 = 4: G2.
    expect(only({ grade: 'G2' })).toEqual([ddlps]);
    expect(ids(cases.list({ query: 'G2' }))).toEqual([ddlps]);

    expect(only({ awaiting: 'chest-ct' })).toContain(ups);
    clinical.readiness.tick(ups, { item: 'chest-ct', date: '2026-10-01', note: '' }, { userId: null, name: 'Dr T' });
    expect(only({ awaiting: 'chest-ct' })).not.toContain(ups);

    // Nothing is left stale once the list has been read.
    expect(db.prepare('SELECT count(*) FROM case_facets WHERE stale = 1').pluck().get()).toBe(0);
  });

  it('keeps saved filters per user: each sees, replaces and removes only their own', () => {
    const { db } = setup();
    const user = (username: string) =>
      insertRow(db, 'users', {
        username,
        display_name: username,
        role: 'coordinator',
        password_hash: 'scrypt$x',
        created_at: '2026-12-01T09:00:00.000Z',
        updated_at: '2026-12-01T09:00:00.000Z',
      });
    const [ann, ben] = [user('ann'), user('ben')];
    const search = new SearchService(db, () => '2026-12-03T09:00:00.000Z');
    const saved = search.saveFilter(ann, 'Awaiting MDM2', { query: '', filters: { awaiting: 'mdm2' } });
    expect(saved).toMatchObject({ name: 'Awaiting MDM2', query: '', filters: { awaiting: 'mdm2' } });
    search.saveFilter(ann, 'Patel G3', { query: 'Patel', filters: { grade: 'G3' } });
    // The same name again replaces it.
    search.saveFilter(ann, 'Patel G3', { query: 'Patel', filters: { grade: 'G3', status: 'draft' } });
    expect(search.savedFilters(ann).map((f) => [f.name, f.filters])).toEqual([
      ['Awaiting MDM2', { awaiting: 'mdm2' }],
      ['Patel G3', { grade: 'G3', status: 'draft' }],
    ]);
    expect(search.savedFilters(ben)).toEqual([]);
    expect(() => search.removeFilter(ben, saved.id)).toThrow(/does not exist/);
    search.removeFilter(ann, saved.id);
    expect(search.savedFilters(ann).map((f) => f.name)).toEqual(['Patel G3']);
  });
});
