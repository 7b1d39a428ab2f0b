import { describe, expect, it } from 'vitest';
import { buildMeetingDeck } from '../../../shared/deck/build';
import type { CaseDeckInput } from '../../../shared/deck/input';
import { buildDeckPptx } from '../../../electron/services/export/pptx';
import { MEETING, meetingItem, record } from '../deck/fixtures';
import { slideParts, unzipPptx, xmlText } from './office-files';

const AT_LEAST = 'grade not assessed, a dedifferentiated liposarcoma is at least G2';

/** A retroperitoneal DDLPS staged GX (IB, at least IIIB) before surgery, then resected: pT3 G3 IIIB. */
function ddlps(pathological: boolean): CaseDeckInput {
  const base = record(12);
  return record(12, {
    clinical: {
      ...base.clinical,
      stage: {
        ...base.clinical.stage,
        T: 'cT4',
        G: 'GX',
        stageGroup: 'IB',
        atLeastStageGroup: 'IIIB',
        atLeastReason: AT_LEAST,
        size: {
          ...base.clinical.stage.size,
          sizeCm: 16.3,
          text: "16.3 cm, lesion 'primary', CT of 22 Sep 2026",
          date: '2026-09-22',
          stale: true,
          staleReason: 'The size is from 22 Sep 2026, 79 days before the meeting of 10 Dec 2026: older than 8 weeks.',
        },
        pathological: pathological
          ? {
              T: 'pT3',
              N: 'cN0',
              M: 'cM0',
              G: 'G3',
              stageGroup: 'IIIB',
              atLeastStageGroup: null,
              atLeastReason: '',
              explanation: 'T3. Stage IIIB.',
              sizeCm: 12.5,
              reportId: 7,
              date: '2026-11-03',
              source: '12.5 cm, resection specimen S26-1234 of 3 Nov 2026',
              gradeNote: 'Grade from the resection specimen S26-1234 of 3 Nov 2026.',
            }
          : null,
      },
    },
  });
}

async function stagingText(r: CaseDeckInput): Promise<string> {
  const deck = buildMeetingDeck(MEETING, [meetingItem(12, 1, { record: r })]);
  const z = unzipPptx(await buildDeckPptx(deck, { readImage: () => Buffer.alloc(0) }));
  const i = deck.slides.findIndex((s) => s.kind === 'staging');
  return xmlText(z.text(slideParts(z)[i]));
}

describe('the PPTX staging slide words the stage as the screen does', () => {
  it('a GX stage that the histotype raises: never the bare IB; the size with its date and staleness', async () => {
    const text = await stagingText(ddlps(false));
    expect(text).toContain(`cT4 cN0 cM0 GX, stage IB (at least IIIB: ${AT_LEAST})`);
    expect(text).toContain('IB, at least IIIB');
    expect(text).toContain("Size for T: cT4: 16.3 cm, lesion 'primary', CT of 22 Sep 2026.");
    expect(text).toContain('older than 8 weeks');
  });

  it('after a resection, pT first with its source, then the clinical stage', async () => {
    const text = await stagingText(ddlps(true));
    expect(text).toContain(
      `pT3 cN0 cM0 G3, stage IIIB; clinical cT4 cN0 cM0 GX, stage IB (at least IIIB: ${AT_LEAST})`,
    );
    expect(text).toContain('Size for pT: pT3: 12.5 cm, resection specimen S26-1234 of 3 Nov 2026.');
  });
});
