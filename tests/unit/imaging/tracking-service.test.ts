import { describe, expect, it } from 'vitest';
import { LesionsService } from '../../../electron/services/imaging/lesions-service';
import { responseViewForCase, TrackingService } from '../../../electron/services/imaging/tracking-service';
import { imagingContract } from '../../../shared/contract/imaging';
import type { LesionInput } from '../../../shared/domain/imaging';
import { setup } from '../clinical-services/fixtures';

const BASELINE = '2026-06-01';
const FOLLOW_UP = '2026-09-01';

function lesion(label: string, studyDate: string, over: Partial<LesionInput> = {}): LesionInput {
  return { label, longCm: null, shortCm: null, craniocaudalCm: null, studyDate, source: 'measured', ...over };
}

/** A patient with a mass and a node measured on two studies (the demo's story in miniature). */
function twoStudies() {
  const s = setup();
  const caseId = s.newCase();
  const lesions = new LesionsService(s.db);
  const tracking = new TrackingService(s.db);
  const mass = lesions.create(caseId, lesion('Primary mass', BASELINE, { longCm: 10, shortCm: 8, meanHu: 50 }));
  const node = lesions.create(caseId, lesion('Iliac node', BASELINE, { longCm: 2.5, shortCm: 2, meanHu: 30 }));
  // The follow-up names them as people type: case and spaces differ, the lesions are the same.
  lesions.create(caseId, lesion(' primary MASS ', FOLLOW_UP, { longCm: 7, shortCm: 6, meanHu: 30 }));
  lesions.create(caseId, lesion('iliac node', FOLLOW_UP, { longCm: 2.2, shortCm: 1.4, meanHu: 20 }));
  tracking.setTrackedLesion({ id: node.trackedLesionId!, isNode: true });
  return { ...s, caseId, lesions, tracking, mass, node };
}

describe('lesion tracking', () => {
  it('links measurements of one lesion on two studies by name, per patient', () => {
    const { db, caseId, mass, node } = twoStudies();
    const view = responseViewForCase(db, caseId);
    expect(view.lesions.map((l) => [l.id, l.name, l.measurements.map((m) => m.studyDate)])).toEqual([
      [mass.trackedLesionId, 'Primary mass', [BASELINE, FOLLOW_UP]],
      [node.trackedLesionId, 'Iliac node', [BASELINE, FOLLOW_UP]],
    ]);
    // Another patient's lesion of the same name is another tracked lesion.
    const s = setup();
    const other = new LesionsService(s.db).create(s.newCase(), lesion('Primary mass', BASELINE, { longCm: 3 }));
    expect(other.trackedLesionId).not.toBeNull();
  });

  it('sums long axes, and a node by its short axis; gives change from baseline and the categories', () => {
    const { db, caseId } = twoStudies();
    const view = responseViewForCase(db, caseId);
    expect(view.baselineDate).toBe(BASELINE);
    const [base, follow] = view.timepoints;
    // Baseline: 100 mm + node short axis 20 mm = 120 mm; follow-up 70 + 14 = 84 mm: 30% below, PR.
    expect(base).toMatchObject({ studyDate: BASELINE, sumMm: 120, recist: null, meanHu: 40 });
    expect(follow).toMatchObject({
      studyDate: FOLLOW_UP,
      sumMm: 84,
      meanHu: 25,
      recist: { target: 'PR', overall: 'PR', changeFromBaselinePct: -30, changeFromNadirPct: -30 },
      // Choi: long axes 125 → 92 mm (−26.4%), density 40 → 25 HU (−37.5%): PR.
      choi: { response: 'PR' },
    });
    expect(follow.explanation).toContain('target PR (≥ 30% below the baseline)');
    expect(view.current?.studyDate).toBe(FOLLOW_UP);
    expect(view.lesions[1].measurements[0]).toMatchObject({ longMm: 25, shortMm: 20, recistMm: 20, meanHu: 30 });
  });

  it('takes the baseline as the first date with every target measured, and the nadir as the smallest sum before', () => {
    const s = setup();
    const caseId = s.newCase();
    const lesions = new LesionsService(s.db);
    // Only the mass on the first study: not a baseline (the node is missing).
    lesions.create(caseId, lesion('Mass', '2026-01-01', { longCm: 12 }));
    lesions.create(caseId, lesion('Mass', '2026-02-01', { longCm: 10 }));
    lesions.create(caseId, lesion('Node', '2026-02-01', { longCm: 2 }));
    lesions.create(caseId, lesion('Mass', '2026-04-01', { longCm: 6 }));
    lesions.create(caseId, lesion('Node', '2026-04-01', { longCm: 2 }));
    lesions.create(caseId, lesion('Mass', '2026-06-01', { longCm: 8 }));
    lesions.create(caseId, lesion('Node', '2026-06-01', { longCm: 2 }));
    const view = responseViewForCase(s.db, caseId);
    expect(view.baselineDate).toBe('2026-02-01');
    expect(view.notes).toContain('1 Jan 2026 is before the baseline (not every target lesion measured): not assessed.');
    expect(view.timepoints.map((t) => [t.sumMm, t.recist?.target ?? null])).toEqual([
      [120, null],
      [80, 'PR'], // 33.3% below the baseline
      [100, 'PD'],
    ]);
    // June: 100 mm is 25% and 20 mm above the nadir 80 mm (April): PD, though still below the baseline.
    expect(view.nadirDate).toBe('2026-04-01');
    expect(view.current?.recist).toMatchObject({ changeFromBaselinePct: -16.67, changeFromNadirPct: 25 });
  });

  it('saves a time point per patient: non-target PD or new lesions make the overall response PD', () => {
    const { db, caseId, tracking, lesions } = twoStudies();
    lesions.create(caseId, lesion('Peritoneal deposits', BASELINE, { longCm: 1 }));
    const deposits = responseViewForCase(db, caseId).lesions.find((l) => l.name === 'Peritoneal deposits')!;
    tracking.setTrackedLesion({ id: deposits.id, role: 'non-target' });
    // Not recorded yet: NE, which leaves a target PR a PR.
    let follow = responseViewForCase(db, caseId).timepoints[1];
    expect(follow.recist).toMatchObject({ target: 'PR', overall: 'PR' });
    expect(follow.explanation).toContain('Non-target status not recorded: taken as NE.');
    const view = tracking.setTimepoint(
      caseId,
      { studyDate: FOLLOW_UP, nonTarget: 'PD', newLesions: false, note: 'deposits grew' },
      null,
    );
    follow = view.timepoints[1];
    expect(follow).toMatchObject({ nonTarget: 'PD', note: 'deposits grew', recist: { target: 'PR', overall: 'PD' } });
    // Saved again for the same date: one row, the new values.
    const again = tracking.setTimepoint(
      caseId,
      { studyDate: FOLLOW_UP, nonTarget: 'non-CR/non-PD', newLesions: true, note: '' },
      null,
    );
    expect(again.timepoints[1]).toMatchObject({
      newLesions: true,
      recist: { overall: 'PD' },
      choi: { response: 'PD' },
    });
    expect(db.prepare('SELECT count(*) FROM response_timepoints').pluck().get()).toBe(1);
  });

  it('keeps a measurement on its tracked lesion when the tracked lesion is renamed, and links by id', () => {
    const { db, caseId, tracking, lesions, mass } = twoStudies();
    tracking.setTrackedLesion({ id: mass.trackedLesionId!, name: 'Retroperitoneal mass' });
    const edited = lesions.update(mass.id, { ...mass, note: 'remeasured' });
    expect(edited.trackedLesionId).toBe(mass.trackedLesionId);
    const byId = lesions.create(
      caseId,
      lesion('RP mass', '2026-12-01', { longCm: 6, trackedLesionId: mass.trackedLesionId }),
    );
    expect(byId.trackedLesionId).toBe(mass.trackedLesionId);
    expect(responseViewForCase(db, caseId).lesions[0].name).toBe('Retroperitoneal mass');
  });

  it('refuses bad input with a message naming it, writing nothing', () => {
    const { db, caseId, tracking, lesions, mass, node, newCase } = twoStudies();
    const foreign = lesions.create(newCase(), lesion('Mass', BASELINE, { longCm: 3 }));
    const before = db.prepare('SELECT count(*) FROM lesions').pluck().get();
    expect(() => lesions.create(caseId, lesion('x', BASELINE, { trackedLesionId: foreign.trackedLesionId }))).toThrow(
      `Tracked lesion ${foreign.trackedLesionId} is not a lesion of this case's patient`,
    );
    expect(db.prepare('SELECT count(*) FROM lesions').pluck().get()).toBe(before);
    expect(() => tracking.setTrackedLesion({ id: node.trackedLesionId!, name: 'PRIMARY MASS' })).toThrow(
      "The patient already has a tracked lesion named 'Primary mass'",
    );
    expect(responseViewForCase(db, caseId).lesions[1].name).toBe('Iliac node');
    expect(() => tracking.setTrackedLesion({ id: 9999, role: 'target' })).toThrow('Tracked lesion 9999 does not exist');
    expect(() =>
      tracking.setTimepoint(9999, { studyDate: FOLLOW_UP, nonTarget: null, newLesions: true, note: '' }, null),
    ).toThrow('Case 9999 does not exist');
    const input = imagingContract['imaging:setTimepoint'].input;
    const bad = input.safeParse({ caseId, studyDate: FOLLOW_UP, nonTarget: 'worse', newLesions: false });
    expect(bad.error?.issues[0].message).toBe('Non-target status is CR, non-CR/non-PD, PD or NE');
    const hu = imagingContract['lesions:create'].input.safeParse({
      caseId,
      lesion: lesion('Mass', BASELINE, { meanHu: 9000 }),
    });
    expect(hu.error?.issues[0].message).toBe('A mean density is at most 5000 HU');
    expect(mass.meanHu).toBe(50);
  });
});
