// Corrections the build makes to cornerstone-wado-image-loader's decoder files before serving them under /decoders/
// (see electron.vite.config.ts). Each one fixes wrong pixel values that no option of the loader can avoid; each must
// match exactly once, so an upgrade of the loader that changes the code fails the build instead of going unfixed.

export interface DecoderCorrection {
  /** What was wrong, as a user would see it. */
  why: string;
  find: RegExp;
  replace: string;
}

export const DECODER_CORRECTIONS: DecoderCorrection[] = [
  {
    // The loader decodes JPEG Extended (1.2.840.10008.1.2.4.51) with a pdf.js-derived decoder written for 8-bit
    // samples. When it turns the inverse DCT's output (16 times the sample) into samples, it adds the level shift
    // scaled from 8 bits, 2056 * 4095 / 255 = 33017, where 12-bit samples need 2048 * 16 + 8 = 32776: every
    // 12-bit sample came out 15 too high (15 HU at slope 1, 30 HU at slope 2), and the range limits were off by
    // the same amount. Here the shift and the limits follow the frame's precision as in IJG's decoder; for 8-bit
    // samples the result is the same as before (shift 2056, limits 0 and 255).
    why: 'JPEG Extended 12-bit samples decoded 15 stored values too high',
    find: /(\w+)=\1<=-2056\/(\w+)\.bitConversion\?0:\1>=2024\/\2\.bitConversion\?255\/\2\.bitConversion:\1\+2056\/\2\.bitConversion>>4/g,
    replace:
      '$1=$1+8*(Math.round(255/$2.bitConversion)+1)+8>>4,$1=$1<0?0:$1>Math.round(255/$2.bitConversion)?Math.round(255/$2.bitConversion):$1',
  },
];

export interface DecoderFile {
  name: string;
  code: string;
}

/** The files with every correction made; throws naming the correction that matched no file, or more than once. */
export function correctDecoderFiles(files: DecoderFile[], corrections = DECODER_CORRECTIONS): DecoderFile[] {
  let out = files;
  for (const c of corrections) {
    const hits = out.flatMap((f) => [...f.code.matchAll(c.find)].map(() => f.name));
    if (hits.length !== 1) {
      throw new Error(
        `cornerstone-wado-image-loader changed: the correction "${c.why}" should match its decoder code once, ` +
          `matched ${hits.length} times${hits.length ? ` (${hits.join(', ')})` : ''}; review it against the new version`,
      );
    }
    out = out.map((f) => (f.name === hits[0] ? { name: f.name, code: f.code.replace(c.find, c.replace) } : f));
  }
  return out;
}
