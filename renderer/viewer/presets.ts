// Window presets offered in the toolbar. Pure.
import type { WindowPreset } from './types';

/** Common CT windows (W/L in HU). */
export const CT_PRESETS: readonly WindowPreset[] = [
  { name: 'Soft tissue', windowWidth: 400, windowCenter: 40 },
  { name: 'Lung', windowWidth: 1500, windowCenter: -600 },
  { name: 'Bone', windowWidth: 2000, windowCenter: 300 },
  { name: 'Liver', windowWidth: 150, windowCenter: 30 },
  { name: 'Mediastinum', windowWidth: 350, windowCenter: 50 },
];

/** CT presets first when the image is CT, then the file's own (deduplicated by W/L). */
export function presetsFor(modality: string | undefined, own: readonly WindowPreset[] = []): WindowPreset[] {
  const list = modality === 'CT' ? [...CT_PRESETS] : [];
  for (const p of own) {
    if (!list.some((q) => q.windowCenter === p.windowCenter && q.windowWidth === p.windowWidth)) list.push(p);
  }
  return list;
}

/** Index of the preset matching the current W/L, or -1. */
export function matchPreset(presets: readonly WindowPreset[], windowCenter: number, windowWidth: number): number {
  return presets.findIndex(
    (p) => Math.abs(p.windowCenter - windowCenter) < 0.5 && Math.abs(p.windowWidth - windowWidth) < 0.5,
  );
}
