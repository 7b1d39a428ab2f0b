import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParserThread } from '../../../electron/services/dicom/parse-thread';
import { BufferSlot } from '../../../electron/services/dicom/read-file';
import { CT_SERIES } from './fixtures';
import { ctSlice, nestedSequences, withBeforePixels } from './hostile';

function inSlot(bytes: Uint8Array): { slot: BufferSlot; view: Buffer } {
  const slot = new BufferSlot();
  const view = slot.take(bytes.length);
  view.set(bytes);
  return { slot, view };
}

describe('the parser thread', () => {
  it('parses file after file in one thread, lending each buffer and giving it back to its slot', async () => {
    const parser = new ParserThread();
    for (const n of [1, 2]) {
      const file = readFileSync(path.join(CT_SERIES, `${n}.dcm`));
      const { slot, view } = inSlot(file);
      const { outcome, bytes } = await parser.parse(view, slot);
      expect(outcome.kind).toBe('instance');
      expect(view.length).toBe(0); // transferred away...
      expect(bytes!.equals(file)).toBe(true); // ...and back, in the slot
      if (outcome.kind === 'instance') expect(slot.holds(outcome.bytes)).toBe(true);
    }
    await parser.close();
  });

  it('a thread stopped in the middle of a file rejects only that file; the next one gets a fresh thread', async () => {
    const parser = new ParserThread();
    const hostile = inSlot(withBeforePixels(ctSlice(1), nestedSequences(20_000)));
    const stopped = parser.parse(hostile.view, hostile.slot);
    await parser.close();
    expect((await stopped).outcome).toEqual({ kind: 'rejected', reason: 'not parsed: the import stopped' });
    const good = inSlot(readFileSync(path.join(CT_SERIES, '3.dcm')));
    expect((await parser.parse(good.view, good.slot)).outcome.kind).toBe('instance');
    await parser.close();
  });
});
