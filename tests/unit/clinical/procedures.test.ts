import { afterEach, describe, expect, it } from 'vitest';
import { PATHOLOGY_PROCEDURES, PROCEDURE_LABEL, PROCEDURES } from '../../../shared/clinical/procedures';
import { assessReadiness, PathologyReport as ReadinessReport } from '../../../shared/clinical/readiness';
import { PathologyFields } from '../../../shared/domain/pathology';

const MEETING = '2025-06-10';
const report = (procedure: (typeof PATHOLOGY_PROCEDURES)[number], over: object = {}) => ({
  specimenId: 'S-1',
  procedure,
  date: '2025-05-20',
  expertReview: { by: 'Dr Expert', date: '2025-05-28', agreement: 'concordant' as const },
  molecular: [],
  ...over,
});
const biopsyItem = (pathology: ReturnType<typeof report>[]) =>
  assessReadiness(
    {
      siteChapter: 'trunk-extremity',
      histotypeId: 'leiomyosarcoma',
      histotypeText: '',
      fnclccGrade: 'G2',
      pathology,
      imaging: [],
      manual: [],
    },
    { meetingDate: MEETING },
  ).items.find((i) => i.id === 'biopsy')!;

describe('pathology procedures: one list for the report and the work-up checklist', () => {
  const original = structuredClone(PROCEDURES);
  afterEach(() => Object.assign(PROCEDURES, structuredClone(original)));

  it('every procedure a report can record is one the checklist accepts, with a label', () => {
    for (const procedure of PATHOLOGY_PROCEDURES) {
      const stored = PathologyFields.shape.procedure.safeParse(procedure);
      const checked = ReadinessReport.shape.procedure.safeParse(procedure);
      expect([procedure, stored.success, checked.success]).toEqual([procedure, true, true]);
      expect(PROCEDURE_LABEL[procedure]).toBe(PROCEDURES[procedure].label);
    }
    expect(PathologyFields.shape.procedure.options).toEqual(ReadinessReport.shape.procedure.options);
  });

  it('a report that only says "biopsy" is a biopsy, cited as such, never as a core needle biopsy', () => {
    const item = biopsyItem([report('biopsy-not-specified'), report('excision', { date: '2025-05-25' })]);
    expect(item.state).toBe('done');
    expect(item.evidence!.description).toBe('Biopsy, type not stated (S-1)');
    expect(item.reason).not.toMatch(/core needle biopsy \(|excision/i);
  });

  it('the incisional-biopsy note follows the procedure id, whatever the label says', () => {
    expect(biopsyItem([report('incisional')]).reason).toMatch(/core needle is preferred/);
    PROCEDURES.incisional.specimen = 'Open surgical biopsy';
    const renamed = biopsyItem([report('incisional')]);
    expect(renamed.evidence!.description).toBe('Open surgical biopsy (S-1)');
    expect(renamed.reason).toMatch(/core needle is preferred/);
    PROCEDURES['core-needle-biopsy'].specimen = 'Incisional-looking text';
    expect(biopsyItem([report('core-needle-biopsy')]).reason).not.toMatch(/core needle is preferred/);
  });
});
