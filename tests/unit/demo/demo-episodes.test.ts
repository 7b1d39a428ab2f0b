import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { DemoBoard, readDemoBoard } from '../../../electron/services/demo/demo-board';
import { demoCaseId } from '../../../electron/services/demo/demo-case-ids';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

type Board = { cases: { key: string; case: Record<string, unknown> }[]; meetings: { agenda: { case: string }[] }[] };

/**
 * A copy of the demo resources whose board gains a later episode of the thigh patient ("thigh-ilms-restaging",
 * same MRN and patient, episode kind restaging) on the scheduled meeting's agenda.
 */
function resourcesWithEpisode(edit: (episode: Board['cases'][number]) => void = () => {}): string {
  const dir = tempDataDir();
  cpSync(RESOURCES_DIR, dir, { recursive: true });
  const file = path.join(dir, 'demo', 'board.json');
  const board = JSON.parse(readFileSync(file, 'utf8')) as Board;
  if (!board.cases.some((c) => c.key === 'thigh-ilms-restaging')) {
    const thigh = board.cases.find((c) => c.key === 'thigh-ilms')!;
    const episode = {
      key: 'thigh-ilms-restaging',
      source: 'Invented for the episodes test: the same patient back after neoadjuvant radiotherapy.',
      case: {
        ...thigh.case,
        episodeKind: 'restaging',
        questionKind: 'diagnosis',
        status: 'draft',
        workingDiagnosis: 'Inflammatory leiomyosarcoma of the right thigh after radiotherapy',
      },
    };
    edit(episode);
    board.cases.push(episode);
    board.meetings[1].agenda.push({ ...board.meetings[1].agenda[0], case: 'thigh-ilms-restaging' });
  }
  writeFileSync(file, JSON.stringify(board));
  return dir;
}

describe('the demo loader with two episodes of one patient (issue 13)', () => {
  it('creates the later demo case as an episode of the same patient, each demo key finding its own case', () => {
    const resources = resourcesWithEpisode();
    const db = openDatabase(tempDataDir());
    const board = readDemoBoard(resources);
    const first = loadDemoBoard(db, resources);
    expect(first.skipped).toEqual([]);
    expect(first.casesCreated).toBe(board.cases.length);

    const initial = demoCaseId(db, board, 'thigh-ilms')!;
    const restaging = demoCaseId(db, board, 'thigh-ilms-restaging')!;
    expect(restaging).not.toBe(initial);
    const cases = new CasesService(db);
    expect(cases.get(restaging)).toMatchObject({ episodeKind: 'restaging', patient: cases.get(initial).patient });
    expect(cases.episodes(restaging)).toMatchObject({
      number: 2,
      count: 2,
      // The first episode was on the finished November meeting.
      others: [{ caseId: initial, meetings: [{ meetingTitle: expect.any(String) }, expect.anything()] }],
    });
    // Every other demo case is still its patient's first case.
    expect(demoCaseId(db, board, 'rp-ddlps')).toBe(cases.list({ query: 'BP-100231' }).rows[0].id);

    // The scheduled meeting has the restaging episode on its agenda, as its own case.
    const { meetings } = createMeetingsServices(db);
    const { upcoming, past } = meetings.list();
    const december = [...upcoming, ...past].find((m) => m.startsAt.startsWith('2026-12-10'))!;
    const agenda = meetings.get(december.id).items.map((i) => i.caseId);
    expect(agenda).toContain(restaging);
    expect(agenda).toContain(initial);

    // Loading again creates nothing and names both as present.
    const again = loadDemoBoard(db, resources);
    expect(again.casesCreated).toBe(0);
    expect(again.skipped).toContain('thigh-ilms-restaging: MRN BP-100263 already present');
    // The demo cases, and the two demo referrals' cases (issue 14).
    expect(cases.count()).toBe(board.cases.length + 2);
  });

  it('refuses a board whose demo cases share an MRN but not the patient, or repeat an episode kind', () => {
    const differs = JSON.parse(readFileSync(path.join(resourcesWithEpisode(), 'demo', 'board.json'), 'utf8')) as Board;
    const episode = differs.cases.at(-1)!.case as { patient: { dateOfBirth: string } };
    episode.patient.dateOfBirth = '1991-05-31';
    expect(DemoBoard.safeParse(differs).error?.issues[0]).toMatchObject({
      message: 'Same MRN as "thigh-ilms" but another patient: an episode repeats the patient exactly',
    });
    const repeated = JSON.parse(readFileSync(path.join(resourcesWithEpisode(), 'demo', 'board.json'), 'utf8')) as Board;
    repeated.cases.at(-1)!.case.episodeKind = 'new-diagnosis';
    expect(DemoBoard.safeParse(repeated).error?.issues[0]).toMatchObject({
      message:
        '"thigh-ilms-restaging" is a second new-diagnosis episode of the patient of "thigh-ilms": give each episode its own kind',
    });
  });
});
