import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { dispatch } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices } from '../../../electron/host/services';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import type { Figures } from '../../../shared/figures/figures';
import { callerAs } from '../helpers/caller';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

describe('figures:get through the one boundary', () => {
  it('answers the demo board’s figures to a coordinator, refuses a member, and names a reversed range', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    loadDemoBoard(db, RESOURCES_DIR);
    const handlers = handlersFor(createServices({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' }));
    const coordinator = callerAs('coordinator');

    const figures = async (input: object): Promise<Figures> => {
      const answer = await dispatch(handlers, 'figures:get', input, coordinator);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as Figures;
    };
    const all = await figures({ boardSlug: 'sarcoma' });
    expect(all.boards).toEqual([{ slug: 'sarcoma', name: 'Sarcoma MDT' }]);
    expect(all.meetings.map((m) => [m.date, m.status, m.cases, m.discussed, m.deferred, m.notReached])).toEqual([
      ['2026-11-12', 'finished', 2, 0, 1, 1],
      ['2026-12-10', 'scheduled', 7, 0, 0, 0],
    ]);
    // The demo's cases are loaded as drafts (and marked ready only now): none was ready at November's cut-off.
    expect(all.meetings[0].readyAtCutoff).toBe(0);

    const november = await figures({ to: '2026-11-30' });
    expect(november.meetings.map((m) => m.date)).toEqual(['2026-11-12']);

    expect(await dispatch(handlers, 'figures:get', {}, callerAs('member'))).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(
      await dispatch(handlers, 'figures:get', { from: '2026-12-01', to: '2026-11-01' }, coordinator),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('"From" is after "To"') },
    });
    db.close();
  });
});
