import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fnclccGrade } from '../shared/clinical/grading';
import { HISTOTYPES } from '../shared/clinical/histotypes';
import {
  assessReadiness,
  READINESS_ITEM_IDS,
  READINESS_ITEM_LABEL,
  READINESS_ITEMS_BY_QUESTION,
  type ManualTick,
  type ReadinessItemId,
} from '../shared/clinical/readiness';
import { stageSoftTissueSarcoma, tFromSize, type StagingSite, type TOverride } from '../shared/clinical/staging';

/**
 * docs/clinical-rules.md is the project's account of its clinical rules; its tables must say what the code does.
 * Each table is read from the document and checked against the code, by behaviour where the code keeps the table
 * private.
 */
const DOC = readFileSync(path.resolve(import.meta.dirname, '..', 'docs', 'clinical-rules.md'), 'utf8');

type Row = Record<string, string>;

/** The first table under the heading `title` (any level), as rows keyed by the header cells. */
function table(title: string): Row[] {
  const lines = DOC.split('\n');
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`docs/clinical-rules.md has no heading "${title}"`);
  const from = lines.findIndex((l, i) => i > start && l.startsWith('|'));
  const cells = (l: string) =>
    l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const header = cells(lines[from]);
  const rows: Row[] = [];
  for (let i = from + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(Object.fromEntries(cells(lines[i]).map((c, j) => [header[j], c])));
  }
  return rows;
}

const SITE: Record<string, StagingSite> = {
  'trunk and extremities': 'trunk-extremity',
  retroperitoneum: 'retroperitoneum',
  'head and neck': 'head-and-neck',
  visceral: 'visceral',
};

/** "<= 5 cm", "> 5 and <= 10 cm", "> 15 cm" -> sizes just inside and just outside each bound. */
function sizeProbes(range: string): { inside: number[]; outside: number[] } {
  const lo = /^> ([\d.]+)/.exec(range);
  const hi = /<= ([\d.]+) cm$/.exec(range);
  const inside: number[] = [];
  const outside: number[] = [];
  if (lo) {
    inside.push(Number(lo[1]) + 0.01);
    outside.push(Number(lo[1]));
  }
  if (hi) {
    inside.push(Number(hi[1]));
    outside.push(Number(hi[1]) + 0.01);
  }
  if (!lo && !hi) throw new Error(`cannot read the size range "${range}"`);
  if (!lo) inside.push(0.1);
  return { inside, outside };
}

describe('docs/clinical-rules.md says what the code does', () => {
  it('T by size, per site chapter', () => {
    const rows = table('T category by size');
    expect(rows.map((r) => r.T)).toEqual(['T1', 'T2', 'T3', 'T4']);
    const columns: [string, StagingSite[]][] = [
      ['trunk and extremities; retroperitoneum', ['trunk-extremity', 'retroperitoneum']],
      ['head and neck', ['head-and-neck']],
    ];
    for (const [column, sites] of columns) {
      for (const row of rows) {
        if (row[column] === 'by extent only') continue;
        const { inside, outside } = sizeProbes(row[column]);
        for (const site of sites) {
          for (const size of inside) expect(tFromSize(site, size), `${site} ${size} cm`).toBe(row.T);
          for (const size of outside) expect(tFromSize(site, size), `${site} ${size} cm`).not.toBe(row.T);
        }
      }
    }
    expect(tFromSize('visceral', 3)).toBe('TX');
  });

  it('the categories each chapter takes by anatomical extent', () => {
    const rows = table('T category by anatomical extent');
    const ALL: TOverride[] = ['TX', 'T0', 'T1', 'T2', 'T2a', 'T2b', 'T3', 'T4', 'T4a', 'T4b', 'T4c'];
    for (const [name, site] of Object.entries(SITE)) {
      const documented = rows.filter((r) => r.site === name).map((r) => r.T);
      // A category the chapter accepts by hand comes back as given and explained "by anatomical extent".
      const accepted = ALL.filter((t) => {
        const r = stageSoftTissueSarcoma({ site, sizeCm: 0.5, N: 'N0', M: 'M0', G: 'G2', prefix: 'c', t });
        return r.T === `c${t}` && r.explanation.includes('by anatomical extent');
      });
      expect(accepted.sort(), name).toEqual(documented.sort());
    }
  });

  it('stage groups for the trunk and extremities and the retroperitoneum, every combination', () => {
    const rows = table('Stage groups: trunk and extremities, and retroperitoneum');
    const fits = (cell: string, value: string) => cell === 'any' || cell.split(', ').includes(value);
    for (const site of ['trunk-extremity', 'retroperitoneum'] as const) {
      const siteName = site === 'trunk-extremity' ? 'trunk and extremities' : 'retroperitoneum';
      for (const T of ['TX', 'T0', 'T1', 'T2', 'T3', 'T4'] as const)
        for (const N of ['N0', 'N1'] as const)
          for (const M of ['M0', 'M1'] as const)
            for (const G of ['G1', 'G2', 'G3', 'GX'] as const) {
              const row = rows.find(
                (r) =>
                  (r.site === 'both' || r.site === siteName) &&
                  fits(r.T, T) &&
                  fits(r.N, N) &&
                  fits(r.M, M) &&
                  fits(r.G, G),
              );
              const documented = row && row.stage !== 'none' ? row.stage : null;
              const t = T === 'TX' || T === 'T0' ? T : undefined;
              const sizeCm = { T1: 3, T2: 8, T3: 12, T4: 20, TX: null, T0: null }[T];
              const code = stageSoftTissueSarcoma({ site, sizeCm, N, M, G, prefix: 'c', t });
              expect(code.stageGroup, `${site} ${T} ${N} ${M} ${G}`).toBe(documented);
            }
    }
    for (const site of ['head-and-neck', 'visceral'] as const) {
      expect(
        stageSoftTissueSarcoma({ site, sizeCm: 3, N: 'N0', M: 'M0', G: 'G3', prefix: 'c', t: 'T1' }).stageGroup,
      ).toBeNull();
    }
  });

  it('FNCLCC mitotic count, necrosis and grade bands', () => {
    const components = (mitoses: number, necrosis: number, differentiation = 2) =>
      fnclccGrade({ differentiation, mitosesPer10Hpf: mitoses, necrosisPercent: necrosis });
    for (const row of table('Mitotic count')) {
      const m = /^(\d+)-(\d+)$|^>= (\d+)$/.exec(row['mitoses per 10 HPF'])!;
      const probes = m[3] ? [Number(m[3]), Number(m[3]) + 100] : [Number(m[1]), Number(m[2])];
      for (const p of probes) expect(components(p, 0).components.mitoses, `${p} mitoses`).toBe(Number(row.score));
    }
    const necrosisProbes: Record<string, number[]> = { '0%': [0], '> 0% and < 50%': [0.5, 49.9], '>= 50%': [50, 100] };
    const necrosis = table('Tumour necrosis');
    expect(necrosis.map((r) => r.necrosis)).toEqual(Object.keys(necrosisProbes));
    for (const row of necrosis) {
      for (const p of necrosisProbes[row.necrosis])
        expect(components(0, p).components.necrosis, `${p}% necrosis`).toBe(Number(row.score));
    }
    const bands = table('Total score and grade').map((r) => {
      const [lo, hi] = r['total score'].split('-').map(Number);
      return { lo, hi, grade: r.grade };
    });
    for (const d of [1, 2, 3])
      for (const m of [0, 10, 20])
        for (const n of [0, 30, 60]) {
          const result = components(m, n, d);
          const band = bands.find((b) => result.score! >= b.lo && result.score! <= b.hi);
          expect(result.grade, `score ${result.score}`).toBe(band?.grade);
        }
  });

  it('the histotype catalogue: every type, its code, tissue, differentiation score and work-up flags', () => {
    const yes = (b: boolean) => (b ? 'yes' : '');
    const documented = table('Histotype catalogue');
    expect(documented).toEqual(
      HISTOTYPES.map((h) => ({
        id: `\`${h.id}\``,
        'histotype (WHO 5th)': h.name,
        'ICD-O-3': h.icdO3,
        tissue: h.tissue,
        differentiation: h.differentiationScore === null ? '-' : String(h.differentiationScore),
        MDM2: yes(h.needsMdm2),
        'abdomen + spine': yes(h.myxoidRoundCellLps),
        brain: yes(h.needsBrainImaging),
        nodes: yes(h.nodeProne),
      })),
    );
  });

  it('the work-up items, their labels, and which of them go stale', () => {
    const rows = table('Work-up before the board');
    expect(rows.map((r) => [r.item, r.label])).toEqual(
      READINESS_ITEM_IDS.map((id) => [`\`${id}\``, READINESS_ITEM_LABEL[id]]),
    );
    expect(DOC).toContain('**more than 8 weeks**');

    // Every item ticked 57 days (8 weeks + 1 day) before the meeting, for histotypes that make each item apply.
    const meetingDate = '2026-12-10';
    const manual: ManualTick[] = READINESS_ITEM_IDS.map((item) => ({
      item,
      date: '2026-10-14',
      by: 'Dr Test',
      note: '',
    }));
    const states = new Map<ReadinessItemId, string>();
    for (const questionKind of ['diagnosis', 'post-operative', 'recurrence', 'palliative'] as const) {
      for (const histotypeId of ['dedifferentiated-liposarcoma', 'myxoid-liposarcoma', 'clear-cell-sarcoma']) {
        const summary = assessReadiness(
          {
            siteChapter: 'trunk-extremity',
            questionKind,
            histotypeId,
            histotypeText: '',
            fnclccGrade: 'G3',
            pathology: [],
            imaging: [],
            manual,
          },
          { meetingDate },
        );
        // post-operative-imaging waits for the date of an operation: none here, so it is pending, not judged.
        for (const i of summary.items)
          if (i.state !== 'not-applicable' && i.state !== 'pending') states.set(i.id, i.state);
      }
    }
    // With an operation on record, post-operative imaging is judged like other imaging.
    const operated = assessReadiness(
      {
        siteChapter: 'trunk-extremity',
        questionKind: 'post-operative',
        histotypeId: 'leiomyosarcoma',
        histotypeText: '',
        fnclccGrade: 'G3',
        pathology: [],
        imaging: [],
        manual,
        treatments: [{ kind: 'surgery', date: '2026-10-01', text: 'Resection' }],
      },
      { meetingDate },
    );
    states.set('post-operative-imaging', operated.items.find((i) => i.id === 'post-operative-imaging')!.state);
    expect(
      Object.fromEntries(rows.map((r) => [r.item.replace(/`/g, ''), r['goes stale'] === 'yes' ? 'stale' : 'done'])),
    ).toEqual(Object.fromEntries(READINESS_ITEM_IDS.map((id) => [id, states.get(id)])));
  });

  it('the items each board question has, in order', () => {
    const rows = table('The question shapes the checklist');
    expect(rows.map((r) => [r.question, r.items.split(', ').map((i) => i.replace(/`/g, ''))])).toEqual(
      Object.entries(READINESS_ITEMS_BY_QUESTION).map(([q, ids]) => [q, [...ids]]),
    );
  });

  it('every rule module links to its section, and every link names a heading that exists', () => {
    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchors = new Set(
      DOC.split('\n')
        .filter((l) => /^#+ /.test(l))
        .map((l) =>
          l
            .replace(/^#+ /, '')
            .toLowerCase()
            .replace(/[^\w\s-]/g, '')
            .replace(/\s/g, '-'),
        ),
    );
    const dir = path.resolve(import.meta.dirname, '..', 'shared', 'clinical');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const links = [...readFileSync(path.join(dir, file), 'utf8').matchAll(/docs\/clinical-rules\.md#([\w-]+)/g)].map(
        (m) => m[1],
      );
      expect(links.length, `${file} links to docs/clinical-rules.md`).toBeGreaterThan(0);
      for (const a of links) expect(anchors, `${file} links to #${a}`).toContain(a);
    }
  });
});
