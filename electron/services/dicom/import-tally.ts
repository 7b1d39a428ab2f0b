import type { ImportProgress, IncompleteDicomdir, Rejection } from './types';

/**
 * What one import has counted so far, shared by its steps (scan, read, store, index): files examined and what became
 * of them, per study, the rejections in file order and the warnings grouped by text. Its snapshot is the progress.
 */
export class ImportTally {
  scanned = 0;
  imported = 0;
  duplicates = 0;
  bytesStored = 0;
  /** Files to examine (grows as chosen DICOMDIRs add the files they list). */
  total = 0;
  /** DICOMDIR files read as a CD's index (not images, not in `scanned`). */
  indexFiles = 0;
  readonly incompleteDicomdirs: IncompleteDicomdir[] = [];
  /** New and already-stored instances per study UID (a study of duplicates can still be attached to the case). */
  readonly studies = new Map<string, { imported: number; duplicates: number }>();
  private readonly rejections: (Rejection & { order: number })[] = [];
  private readonly warningsByText = new Map<string, { count: number; example: string }>();

  /** A file examined and refused; `order` is its place in the file list (-1 for what the scan refused). */
  reject(path: string, reason: string, order: number): void {
    this.scanned += 1;
    this.rejections.push({ path, reason, order });
  }

  get rejectedCount(): number {
    return this.rejections.length;
  }

  /** The rejections in file order (the scan's first), as the report and the import log list them. */
  rejected(): Rejection[] {
    return [...this.rejections].sort((a, b) => a.order - b.order).map(({ path, reason }) => ({ path, reason }));
  }

  study(uid: string): { imported: number; duplicates: number } {
    let t = this.studies.get(uid);
    if (!t) {
      t = { imported: 0, duplicates: 0 };
      this.studies.set(uid, t);
    }
    return t;
  }

  /** Identical warnings are grouped: "<warning> (3 files, e.g. /a/b.dcm)". */
  warn(text: string, file: string): void {
    const seen = this.warningsByText.get(text);
    if (seen) seen.count += 1;
    else this.warningsByText.set(text, { count: 1, example: file });
  }

  warnings(): string[] {
    return [...this.warningsByText].map(([text, { count, example }]) =>
      count === 1 ? `${example}: ${text}` : `${text} (${count} files, e.g. ${example})`,
    );
  }

  snapshot(phase: ImportProgress['phase']): ImportProgress {
    const { scanned, imported, duplicates, total } = this;
    return { phase, scanned, imported, duplicates, rejected: this.rejections.length, total };
  }
}

const PROGRESS_INTERVAL_MS = 50;

/** Passes progress on at most every 50 ms, and always when forced (a phase change). */
export class ProgressThrottle {
  private last = -Infinity;
  constructor(private readonly callback: ((p: ImportProgress) => void) | undefined) {}

  report(progress: () => ImportProgress, force = false): void {
    if (!this.callback) return;
    const t = performance.now();
    if (!force && t - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = t;
    this.callback(progress());
  }
}
