import { PNG } from 'pngjs';
import { acceptRenderUpload } from '../../../electron/services/imaging/render-store';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import type { Annotation } from '../../../shared/domain/imaging';
import { caseWithCt } from '../imaging/fixtures';

/** A w x h RGBA PNG with a colour gradient, so a channel mix-up shows in the pixels. */
export function gradientPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = x % 256;
      png.data[i + 1] = y % 256;
      png.data[i + 2] = 200;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

const view = { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } };
const length = (sop: string): Annotation => ({
  id: `a-${sop.slice(-6)}`,
  tool: 'length',
  sopInstanceUid: sop,
  frame: 0,
  handles: { start: { x: 100, y: 200 }, end: { x: 300, y: 210 } },
  values: { unit: 'mm', spacingSource: 'PixelSpacing', length: 175.3 },
});

/** The 37-slice CT on a case with key images on slices 10 and 20, each with a rendered PNG (odd sizes on purpose). */
export async function caseWithKeyImages(captions = ['Axial CT: mass 17.5 cm', 'Axial CT: node, café-au-lait']) {
  const ct = await caseWithCt();
  const service = new KeyImagesService(ct.db, ct.dataDir, () => '2026-12-03T15:04:05.000Z');
  const sizes = [
    [65, 47],
    [32, 24],
  ];
  const keyImages = captions.map((caption, i) => {
    const sop = ct.sops[10 + i * 10];
    const token = `render-token-k${i}`;
    acceptRenderUpload(ct.dataDir, token, gradientPng(sizes[i][0], sizes[i][1]));
    return service.create({
      caseId: ct.caseId,
      sopInstanceUid: sop,
      frame: 0,
      caption,
      view,
      annotations: [length(sop)],
      renderToken: token,
    });
  });
  return { ...ct, keyImages, sizes, service };
}
