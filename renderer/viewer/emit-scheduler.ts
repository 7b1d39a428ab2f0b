// When the viewer hands its measurements to the app. Every change the library reports schedules one emission of the
// whole current tool state, so whatever is emitted last is what is on screen, whichever event came last.

export interface EmitScheduler {
  /** Emit after at most `delayMs`; an emission already due sooner stands. */
  schedule(delayMs: number): void;
  /** Emit now if one is pending (before the element goes away). */
  flush(): void;
  cancel(): void;
}

export function emitScheduler(emit: () => void): EmitScheduler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = Infinity;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    due = Infinity;
  };
  const run = () => {
    cancel();
    emit();
  };
  return {
    schedule(delayMs) {
      const at = performance.now() + delayMs;
      if (timer !== undefined && due <= at) return;
      cancel();
      due = at;
      // A timer, not requestAnimationFrame: frames stop in a hidden or minimised window, timers do not.
      timer = setTimeout(run, delayMs);
    },
    flush() {
      if (timer !== undefined) run();
    },
    cancel,
  };
}
