// One DICOM file per transfer syntax the viewer must show, made at test time from the samples in tests/fixtures with dcmtk
// (Debian package dcmtk) and GDCM (libgdcm-tools). A missing tool fails the test with the package to install.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SINGLE } from '../fixtures';

export { SINGLE };
const CT_SMALL = path.join(SINGLE, 'CT_small.dcm');

/** Which Debian package ships each tool, for the failure message. */
const PACKAGE: Record<string, string> = {
  dcmconv: 'dcmtk',
  dcmcjpeg: 'dcmtk',
  dcmcjpls: 'dcmtk',
  dcmdump: 'dcmtk',
  gdcmconv: 'libgdcm-tools',
};

export function run(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`${tool} is not installed: it comes with the Debian package ${PACKAGE[tool] ?? '?'} (apt-get install ${PACKAGE[tool]})`);
  }
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The Transfer Syntax UID in the file meta header, as dcmtk reads it. */
export function transferSyntaxOf(file: string): string {
  const out = run('dcmdump', ['-q', '-Un', '+P', '0002,0010', file]);
  const m = /\[([\d.]+)\]/.exec(out);
  if (!m) throw new Error(`no Transfer Syntax UID in ${file}:\n${out}`);
  return m[1];
}

/**
 * Copies a file with its meta header's Transfer Syntax UID swapped for another of the same length (so no length
 * changes): the pixel data stays as it was. (dcmodify does not edit the file meta header: "Tag not found".)
 */
export function withTransferSyntax(source: string, from: string, to: string, out: string): string {
  if (from.length !== to.length) throw new Error('the UIDs must have the same length');
  const bytes = readFileSync(source);
  const at = bytes.subarray(0, 1024).indexOf(Buffer.from(from, 'latin1'));
  if (at < 0) throw new Error(`${source} does not declare ${from} in its meta header`);
  bytes.write(to, at, 'latin1');
  writeFileSync(out, bytes);
  return out;
}

/**
 * Copies a JPEG-LS file with part of its codestream overwritten (same length, so it still imports): the decoder
 * rejects it.
 */
export function withGarbledJpegLs(source: string, out: string): string {
  const bytes = readFileSync(source);
  const soi = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff, 0xf7])); // start of image, then the JPEG-LS frame header
  if (soi < 0 || soi + 400 > bytes.length) throw new Error(`${source} holds no JPEG-LS codestream long enough to garble`);
  bytes.fill(0x55, soi + 60, soi + 400);
  writeFileSync(out, bytes);
  return out;
}

export interface Sample {
  name: string;
  uid: string;
  /** Returns the file to upload, made in dir when it is generated. */
  file: (dir: string) => string;
}

const shared = (name: string) => () => path.join(SINGLE, name);
const made = (name: string, tool: string, args: string[]) => (dir: string) => {
  const out = path.join(dir, name);
  run(tool, [...args, CT_SMALL, out]);
  return out;
};

export const SAMPLES: Sample[] = [
  { name: 'Implicit VR Little Endian', uid: '1.2.840.10008.1.2', file: shared('CT1_UNC.implicit_little_endian.dcm') },
  { name: 'Explicit VR Little Endian', uid: '1.2.840.10008.1.2.1', file: shared('CT1_UNC.explicit_little_endian.dcm') },
  { name: 'Explicit VR Big Endian', uid: '1.2.840.10008.1.2.2', file: shared('CT1_UNC.explicit_big_endian.dcm') },
  { name: 'Deflated Explicit VR Little Endian', uid: '1.2.840.10008.1.2.1.99', file: made('deflated.dcm', 'dcmconv', ['+td']) },
  { name: 'RLE Lossless', uid: '1.2.840.10008.1.2.5', file: shared('MR_small_RLE.dcm') },
  // Baseline is 8-bit only: dcmcjpeg windows the 16-bit CT down to 8 bits.
  { name: 'JPEG Baseline', uid: '1.2.840.10008.1.2.4.50', file: made('jpeg-baseline.dcm', 'dcmcjpeg', ['+eb']) },
  { name: 'JPEG Extended', uid: '1.2.840.10008.1.2.4.51', file: made('jpeg-extended.dcm', 'dcmcjpeg', ['+ee']) },
  { name: 'JPEG Lossless', uid: '1.2.840.10008.1.2.4.57', file: made('jpeg-lossless.dcm', 'dcmcjpeg', ['+el']) },
  { name: 'JPEG Lossless SV1', uid: '1.2.840.10008.1.2.4.70', file: made('jpeg-lossless-sv1.dcm', 'dcmcjpeg', ['+e1']) },
  { name: 'JPEG-LS Lossless', uid: '1.2.840.10008.1.2.4.80', file: shared('MR_small_jpeg_ls_lossless.dcm') },
  // dcmcjpls refuses near-lossless for signed pixels; GDCM does it.
  { name: 'JPEG-LS Near-Lossless', uid: '1.2.840.10008.1.2.4.81', file: made('jpeg-ls-near.dcm', 'gdcmconv', ['--jpegls', '--lossy', '-e', '2']) },
  { name: 'JPEG 2000 Lossless', uid: '1.2.840.10008.1.2.4.90', file: made('j2k-lossless.dcm', 'gdcmconv', ['--j2k']) },
  { name: 'JPEG 2000', uid: '1.2.840.10008.1.2.4.91', file: made('j2k.dcm', 'gdcmconv', ['--j2k', '--lossy', '-q', '30']) },
];
