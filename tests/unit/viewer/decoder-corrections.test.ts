import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { dicomParser } from '../../../electron/services/dicom/dicom-parser';
import { correctDecoderFiles, type DecoderFile } from '../../../scripts/decoder-corrections';
import { referenceImage, SAMPLES } from '../../e2e/transfer-syntax-samples';
import { tempDataDir } from '../helpers/temp';

// The decoder scripts exactly as the build serves them under /decoders/ (electron.vite.config.ts).
const WADO_DYNAMIC_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('cornerstone-wado-image-loader/package.json')),
  'dist',
  'dynamic-import',
);
const installed = (): DecoderFile[] =>
  readdirSync(WADO_DYNAMIC_DIR)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, code: readFileSync(path.join(WADO_DYNAMIC_DIR, name), 'utf8') }));

interface JpegDecoder {
  parse(data: Uint8Array): void;
  colorTransform: boolean;
  getData(width: number, height: number): Uint8Array;
  getData16(width: number, height: number): Uint16Array;
}

/** Runs the webpack chunk that holds the loader's JPEG (processes 1, 2 and 4) decoder and returns its class. */
function jpegImageClass(files: DecoderFile[]): new () => JpegDecoder {
  const chunk = files.filter(
    (f) => f.code.startsWith('(self.webpackChunk_name_') && f.code.includes('e.exports={JpegImage:'),
  );
  expect(chunk).toHaveLength(1);
  const self: { webpackChunk_name_?: [unknown, Record<string, (m: { exports: unknown }, e: unknown) => void>][] } = {};
  vm.runInNewContext(chunk[0].code, { self });
  const modules = Object.values(self.webpackChunk_name_![0][1]);
  const module = { exports: {} as { JpegImage: new () => JpegDecoder } };
  modules[0](module, module.exports);
  return module.exports.JpegImage;
}

/** The JPEG codestream of a single-frame file. */
function codestreamOf(file: string): Uint8Array {
  const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(file)));
  const pixels = ds.elements.x7fe00010;
  return dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixels, 0, pixels.fragments!.length);
}

function decode(files: DecoderFile[], codestream: Uint8Array, columns: number, rows: number, bits: 8 | 16) {
  const JpegImage = jpegImageClass(files);
  const jpeg = new JpegImage();
  jpeg.parse(codestream);
  jpeg.colorTransform = false;
  return bits === 8 ? jpeg.getData(columns, rows) : jpeg.getData16(columns, rows);
}

/** The loader's decode of a JPEG Extended (12-bit) file against dcmtk's, pixel by pixel over the whole image. */
function differencesFromDcmtk(files: DecoderFile[]): { min: number; max: number } {
  const dir = tempDataDir();
  const file = SAMPLES.find((s) => s.uid === '1.2.840.10008.1.2.4.51')!.file(dir);
  const reference = referenceImage(file, dir);
  const decoded = decode(files, codestreamOf(file), reference.columns, reference.rows, 16);
  let min = Infinity;
  let max = -Infinity;
  decoded.forEach((v, i) => {
    min = Math.min(min, v - reference.stored[i]);
    max = Math.max(max, v - reference.stored[i]);
  });
  return { min, max };
}

describe('the decoder scripts the viewer is served', () => {
  it('decode 12-bit JPEG Extended within one stored value of dcmtk at every pixel', () => {
    const { min, max } = differencesFromDcmtk(correctDecoderFiles(installed()));
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
  });

  it('as shipped, the loader read every 12-bit sample about 15 too high (the fault the correction removes)', () => {
    const { min, max } = differencesFromDcmtk(installed());
    expect(min).toBeGreaterThanOrEqual(14);
    expect(max).toBeLessThanOrEqual(16);
  });

  it('decode 8-bit JPEG exactly as before the correction', () => {
    const dir = tempDataDir();
    const file = SAMPLES.find((s) => s.uid === '1.2.840.10008.1.2.4.50')!.file(dir);
    const { columns, rows } = referenceImage(file, dir);
    // Plain arrays: each decode's typed array comes from the script's own realm.
    const corrected = Array.from(decode(correctDecoderFiles(installed()), codestreamOf(file), columns, rows, 8));
    expect(corrected).toHaveLength(columns * rows);
    expect(corrected).toEqual(Array.from(decode(installed(), codestreamOf(file), columns, rows, 8)));
  });

  it('fail the build, naming the correction, when the loader no longer has the code it corrects', () => {
    const changed = installed().map((f) => ({ name: f.name, code: f.code.replaceAll('2056/', '2048/') }));
    expect(() => correctDecoderFiles(changed)).toThrow(
      /cornerstone-wado-image-loader changed: the correction "JPEG Extended 12-bit samples decoded 15 stored values too high" should match its decoder code once, matched 0 times/,
    );
  });
});
