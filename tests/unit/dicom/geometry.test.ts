import { describe, expect, it } from 'vitest';
import { slicePosition, sliceNormal, sortStack, type Sortable } from '../../../electron/services/dicom/geometry';

const AXIAL = [1, 0, 0, 0, 1, 0];
const SAGITTAL = [0, 1, 0, 0, 0, -1];

function slice(n: number | null, z: number, orientation = AXIAL, uid = `1.2.${n ?? z}`): Sortable & { z: number } {
  return {
    instanceNumber: n,
    sopInstanceUid: uid,
    imageOrientationPatient: orientation,
    slicePosition: slicePosition([0, 0, z], orientation),
    z,
  };
}

describe('slice geometry', () => {
  it('the normal is row x column; the position is IPP . normal', () => {
    expect(sliceNormal(AXIAL)).toEqual([0, 0, 1]);
    expect(sliceNormal(SAGITTAL)).toEqual([-1, 0, 0]);
    expect(slicePosition([10, 20, -30], AXIAL)).toBe(-30);
    expect(slicePosition([10, 20, -30], SAGITTAL)).toBe(-10);
    // Oblique: tilted 30 degrees about x.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    expect(slicePosition([0, 1, 1], [1, 0, 0, 0, c, s])).toBeCloseTo(c - s, 12);
    expect(sliceNormal([1, 0, 0, 1, 0, 0])).toBeNull();
    expect(slicePosition(null, AXIAL)).toBeNull();
  });

  it('sorts by position, in the direction the scanner numbered the slices', () => {
    const headFirst = [slice(3, -6), slice(1, 0), slice(2, -3)];
    expect(sortStack(headFirst).map((s) => s.instanceNumber)).toEqual([1, 2, 3]);
    const feetFirst = [slice(3, 6), slice(1, 0), slice(2, 3)];
    expect(sortStack(feetFirst).map((s) => s.instanceNumber)).toEqual([1, 2, 3]);
  });

  it('position wins over wrong or restarted instance numbers; without numbers, axial runs head to feet', () => {
    const restarted = [slice(1, 0), slice(2, -3), slice(1, -6, AXIAL, 'b'), slice(2, -9, AXIAL, 'c')];
    expect(sortStack(restarted).map((s) => s.z)).toEqual([0, -3, -6, -9]);
    const unnumbered = [slice(null, -3), slice(null, 3), slice(null, 0)];
    expect(sortStack(unnumbered).map((s) => s.z)).toEqual([3, 0, -3]);
  });

  it('falls back to instance number when orientations differ (a localizer) or positions are missing', () => {
    const mixed = [slice(2, 5), slice(1, 100, SAGITTAL), slice(3, 0)];
    expect(sortStack(mixed).map((s) => s.instanceNumber)).toEqual([1, 2, 3]);
    const noGeometry = [
      { instanceNumber: 2, sopInstanceUid: 'b', imageOrientationPatient: null, slicePosition: null },
      { instanceNumber: null, sopInstanceUid: 'z', imageOrientationPatient: null, slicePosition: null },
      { instanceNumber: 1, sopInstanceUid: 'a', imageOrientationPatient: null, slicePosition: null },
    ];
    expect(sortStack(noGeometry).map((s) => s.sopInstanceUid)).toEqual(['a', 'b', 'z']);
  });
});
