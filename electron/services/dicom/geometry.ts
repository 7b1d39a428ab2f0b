/** Slice geometry: where a slice lies along its stack, and the order a stack is shown in. */

export type Vec3 = [number, number, number];

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function dot(a: readonly number[], b: readonly number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** The slice normal (row direction x column direction) of an Image Orientation (Patient), or null if degenerate. */
export function sliceNormal(orientation: readonly number[] | null): Vec3 | null {
  if (!orientation || orientation.length < 6) return null;
  const n = cross([orientation[0], orientation[1], orientation[2]], [orientation[3], orientation[4], orientation[5]]);
  const len = Math.hypot(n[0], n[1], n[2]);
  if (!(len > 1e-6)) return null;
  return [n[0] / len, n[1] / len, n[2] / len];
}

/** Position along the slice normal: Image Position (Patient) . normal; null without both attributes. */
export function slicePosition(
  position: readonly number[] | null,
  orientation: readonly number[] | null,
): number | null {
  const n = sliceNormal(orientation);
  if (!n || !position || position.length < 3) return null;
  return dot(position, n);
}

export interface Sortable {
  instanceNumber: number | null;
  sopInstanceUid: string;
  imageOrientationPatient: number[] | null;
  slicePosition: number | null;
}

function sameOrientation(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 6; i++) if (Math.abs(a[i] - b[i]) > 1e-4) return false;
  return true;
}

const byNumber = (a: Sortable, b: Sortable) =>
  (a.instanceNumber ?? Number.MAX_SAFE_INTEGER) - (b.instanceNumber ?? Number.MAX_SAFE_INTEGER) ||
  (a.sopInstanceUid < b.sopInstanceUid ? -1 : a.sopInstanceUid > b.sopInstanceUid ? 1 : 0);

/**
 * Stack order. When every instance has a position and they share one orientation, instances are sorted by their
 * position along the slice normal (robust to missing or restarted instance numbers). The direction follows the
 * scanner's numbering (if the first instance by position has a higher instance number than the last, the order is
 * reversed); without instance numbers it runs against the normal, so an axial stack goes head to feet. Otherwise
 * (mixed orientations, e.g. a localizer, or no geometry) instances are sorted by instance number.
 */
export function sortStack<T extends Sortable>(instances: readonly T[]): T[] {
  const list = [...instances];
  const first = list[0]?.imageOrientationPatient;
  const geometric =
    list.length > 1 &&
    first &&
    list.every(
      (i) => i.slicePosition !== null && i.imageOrientationPatient && sameOrientation(i.imageOrientationPatient, first),
    );
  if (!geometric) return list.sort(byNumber);
  list.sort((a, b) => a.slicePosition! - b.slicePosition! || byNumber(a, b));
  const head = list[0].instanceNumber;
  const tail = list[list.length - 1].instanceNumber;
  const reverse = head !== null && tail !== null ? head > tail : true;
  if (reverse) {
    // Reverse positions, keeping instance-number order among slices at the same position.
    list.sort((a, b) => b.slicePosition! - a.slicePosition! || byNumber(a, b));
  }
  return list;
}
