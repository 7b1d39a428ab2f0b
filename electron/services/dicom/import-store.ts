import type { AcceptedFile } from './import-read';
import type { ImportStage } from './import-stage';
import type { ImportTally } from './import-tally';
import { BufferSlot } from './read-file';
import type { StoreSession } from './store';

/** Files being written to the store at once (on libuv's thread pool) while the next ones are read and parsed. */
export const WRITES_IN_FLIGHT = 3;

/**
 * Step 3, store: new files written to the image store on the thread pool while the next files are read, hashed and
 * parsed, up to WRITES_IN_FLIGHT at once (the kernel's page-cache copy is what bounds an import). Each write holds
 * its read buffer (its slot) until it is done, so memory stays at a few file sizes; a stored file is staged for the
 * index at once. The first failure stops the import: it is kept and thrown by `drain`.
 */
export class StoreStep {
  private readonly freeSlots = Array.from({ length: WRITES_IN_FLIGHT + 1 }, () => new BufferSlot());
  private readonly writing: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly store: StoreSession,
    private readonly stage: ImportStage,
    private readonly tally: ImportTally,
  ) {}

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** A free read buffer, waiting for a write to finish when all are busy. */
  async slot(): Promise<BufferSlot> {
    while (this.freeSlots.length === 0) await this.writing.shift();
    return this.freeSlots.pop()!;
  }

  /** Gives back a slot whose bytes need no writing (rejected, duplicate, DICOMDIR). */
  release(slot: BufferSlot): void {
    this.freeSlots.push(slot);
  }

  /** Starts writing a new file (waiting first while WRITES_IN_FLIGHT are under way); the slot is released after. */
  async put(file: AcceptedFile, slot: BufferSlot): Promise<void> {
    if (this.writing.length >= WRITES_IN_FLIGHT) await this.writing.shift();
    if (this.failure !== undefined) return this.release(slot);
    const { bytes, hash, header, order } = file;
    // The slot is busy until its bytes are written (parse may also hand back a new buffer: then it is not).
    const slotWriting = slot.holds(bytes);
    const written = this.store.put(bytes, hash).then(
      (put) => {
        if (put.created) this.tally.bytesStored += bytes.length;
        this.stage.add(order, header, { hash, size: bytes.length, storedPath: put.storedPath });
      },
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    this.writing.push(slotWriting ? written.finally(() => this.freeSlots.push(slot)) : written);
    if (!slotWriting) this.release(slot);
  }

  /** Waits for every write (a failure is thrown by `throwIfFailed`). */
  async drain(): Promise<void> {
    await Promise.all(this.writing);
    this.writing.length = 0;
  }

  throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}
