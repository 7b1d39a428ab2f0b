// The "Fill from a measurement" chips of the lesion form, and where a lesion's size came from. Pure: no cornerstone import (CaseImaging reads the
// image orientation from the loaded DICOM and passes it in).
import type { Annotation } from '../../../shared/domain/imaging';
import { fixed, lesionSize } from '../../../shared/imaging/measurement-text';
import type { LesionSuggestion } from './LesionsPanel';

export type Dimension = 'longCm' | 'shortCm' | 'craniocaudalCm';
export const DIMENSIONS: readonly Dimension[] = ['longCm', 'shortCm', 'craniocaudalCm'];

/**
 * Where a lesion form's size came from: 'measured' only while every dimension given is the one a measurement
 * filled in (`measured`, as text); a dimension typed over, or typed next to measured ones, makes the size typed,
 * as staging shows where the size came from.
 */
export function draftSource(
  d: Record<Dimension, string> & { measured: Partial<Record<Dimension, string>> },
): 'measured' | 'typed' {
  const given = DIMENSIONS.filter((k) => d[k].trim() !== '');
  return given.length > 0 && given.every((k) => d.measured[k] === d[k]) ? 'measured' : 'typed';
}

export type Plane = 'axial' | 'coronal' | 'sagittal';

/**
 * The anatomical plane of an image from its Image Orientation (Patient) (row then column direction cosines): the
 * slice normal's dominant patient axis, x (left-right) for sagittal, y (front-back) for coronal, z (head-feet)
 * for axial. Null when the orientation is missing or not six finite numbers.
 */
export function planeOf(orientation: readonly number[] | null | undefined): Plane | null {
  if (!orientation || orientation.length !== 6 || !orientation.every(Number.isFinite)) return null;
  const [rx, ry, rz, cx, cy, cz] = orientation;
  const normal = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx].map(Math.abs);
  const largest = Math.max(...normal);
  if (!(largest > 0)) return null;
  const axis = normal.indexOf(largest);
  return axis === 0 ? 'sagittal' : axis === 1 ? 'coronal' : 'axial';
}

export interface StackEntry {
  sopInstanceUid: string;
  frame: number;
}

/**
 * One chip per way a measurement can fill the form, each with a unique key; duplicates (same text, same values
 * to the 0.1 cm filled in) are dropped. A length is offered as the long axis, and as the craniocaudal size only when it was drawn
 * on a coronal or sagittal image: on an axial image no line runs head to foot. An ellipse on a CT (its mean in HU)
 * is offered as the lesion's mean density, for Choi; a mean of raw values (not HU) is not a density and is left out.
 */
export function lesionSuggestions(
  annotations: readonly Annotation[],
  images: readonly StackEntry[],
  studyDate: string | null,
  planeOfImage: (sopInstanceUid: string, frame: number) => Plane | null,
  studyInstanceUid: string | null = null,
): LesionSuggestion[] {
  const out: LesionSuggestion[] = [];
  const seen = new Set<string>();
  const add = (s: LesionSuggestion) => {
    // What the chip shows and fills in (to 0.1 cm): two measurements that agree to that are one chip.
    const identity = JSON.stringify([
      s.label,
      ...DIMENSIONS.map((k) => s[k]?.toFixed(1)),
      s.meanHu?.toFixed(1),
      s.studyDate,
    ]);
    if (seen.has(identity)) return;
    seen.add(identity);
    out.push({ ...s, studyInstanceUid });
  };
  for (const a of annotations) {
    const n = images.findIndex((i) => i.sopInstanceUid === a.sopInstanceUid && i.frame === a.frame) + 1;
    const plane = planeOfImage(a.sopInstanceUid, a.frame);
    const where = `${n > 0 ? ` on image ${n}` : ''}${plane ? ` (${plane})` : ''}`;
    if (a.tool === 'ellipse') {
      const { mean, meanUnit } = a.values;
      if (mean !== undefined && meanUnit === 'HU')
        add({ key: `${a.id}:hu`, label: `Ellipse${where}: mean ${fixed(mean, 1)} HU`, studyDate, meanHu: mean });
      continue;
    }
    const size = lesionSize(a.tool, a.values);
    if (!size) continue;
    const label = `${a.tool === 'length' ? 'Length' : 'Bidirectional'}${where}: ${size}`;
    if (a.tool === 'bidirectional') {
      add({ key: `${a.id}:long-short`, label, studyDate, longCm: a.values.long! / 10, shortCm: a.values.short! / 10 });
    } else if (a.tool === 'length') {
      const cm = a.values.length! / 10;
      if (plane === 'coronal' || plane === 'sagittal')
        add({ key: `${a.id}:craniocaudal`, label: `${label} as craniocaudal`, studyDate, craniocaudalCm: cm });
      add({ key: `${a.id}:long`, label: `${label} as long axis`, studyDate, longCm: cm });
    }
  }
  return out;
}
