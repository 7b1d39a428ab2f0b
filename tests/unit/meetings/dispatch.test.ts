import { CHAIR } from '../helpers/caller';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { dispatch } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices } from '../../../electron/host/services';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

describe('meetings channels through the one boundary (host/dispatch.ts)', () => {
  it('answers the demo meeting, its deck and a refusal, as Results', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    loadDemoBoard(db, RESOURCES_DIR);
    const handlers = handlersFor(createServices({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' }));
    const next = await dispatch(handlers, 'meetings:next', { boardType: 'sarcoma' }, CHAIR);
    expect(next).toMatchObject({ ok: true, value: { caseCount: 7, startsAt: '2026-12-10T13:00' } });
    const meetingId = (next as { value: { id: number } }).value.id;
    const deck = await dispatch(handlers, 'deck:get', { meetingId, deidentified: true }, CHAIR);
    expect(deck).toMatchObject({ ok: true, value: { deidentified: true, sections: expect.any(Array) } });
    expect(await dispatch(handlers, 'agenda:reorder', { meetingId, itemIds: [] }, CHAIR)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'itemIds' },
    });
    expect(await dispatch(handlers, 'decisions:save', { itemId: 1, version: 2, decision: {} }, CHAIR)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/signed off .* locked/) },
    });
    db.close();
  });
});
