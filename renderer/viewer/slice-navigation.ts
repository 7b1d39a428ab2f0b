// Keyboard and wheel → slice index. Pure.

/** The slice a key moves to, or undefined when the key is not a navigation key. */
export function keyToIndex(key: string, index: number, count: number): number | undefined {
  const target: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowRight: index + 1,
    ArrowUp: index - 1,
    ArrowLeft: index - 1,
    PageDown: index + 10,
    PageUp: index - 10,
    Home: 0,
    End: count - 1,
  };
  return key in target ? target[key] : undefined;
}

export function clampIndex(i: number, count: number): number {
  return Math.max(0, Math.min(count - 1, Math.round(i) || 0));
}

const LINE_PX = 40;

/**
 * Accumulates wheel deltas into whole slices: a mouse notch (~100 px) is one slice, a trackpad needs
 * `step` px of travel per slice. Returns -1, 0 or +1 for each event.
 */
export function wheelStepper(step = 50): (deltaY: number, deltaMode: number) => number {
  let acc = 0;
  return (deltaY, deltaMode) => {
    acc += deltaMode === 1 ? deltaY * LINE_PX : deltaY;
    if (Math.abs(acc) < step) return 0;
    const dir = Math.sign(acc);
    acc = 0;
    return dir;
  };
}
