import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_DICOM, parseInstance, type ParseOutcome } from '../../../electron/services/dicom/parse';
import { hasPart10Preamble } from '../../../electron/services/dicom/part10';
import { MAX_ITEMS } from '../../../electron/services/dicom/shape';
import { tempDataDir } from '../helpers/temp';
import { CD_TREE, CT_SERIES, dcmdump, MALFORMED, SINGLE } from './fixtures';
import { ctSlice, deflated, emptyItems, nestedSequences, sequence, withBeforePixels } from './hostile';

function parseFile(file: string): ParseOutcome {
  return parseInstance(readFileSync(file));
}

function instance(file: string) {
  const r = parseFile(file);
  if (r.kind !== 'instance') throw new Error(`${file}: expected an instance, got ${JSON.stringify(r)}`);
  return r;
}

function reason(file: string): string {
  const r = parseFile(file);
  if (r.kind !== 'rejected') throw new Error(`${file}: expected a rejection, got ${r.kind}`);
  return r.reason;
}

describe('parseInstance: transfer syntaxes', () => {
  const cases: [file: string, ts: string][] = [
    ['CT1_UNC.explicit_big_endian.dcm', '1.2.840.10008.1.2.2'],
    ['CT1_UNC.explicit_little_endian.dcm', '1.2.840.10008.1.2.1'],
    ['CT1_UNC.implicit_little_endian.dcm', '1.2.840.10008.1.2'],
    ['CT_small.dcm', '1.2.840.10008.1.2.1'],
    ['MR_small.dcm', '1.2.840.10008.1.2.1'],
    ['MR_small_RLE.dcm', '1.2.840.10008.1.2.5'],
    ['MR_small_bigendian.dcm', '1.2.840.10008.1.2.2'],
    ['MR_small_implicit.dcm', '1.2.840.10008.1.2'],
    ['MR_small_jpeg_ls_lossless.dcm', '1.2.840.10008.1.2.4.80'],
  ];

  it.each(cases)('%s: transfer syntax %s, and the same UIDs, size and spacing as dcmdump reads', (name, ts) => {
    const file = path.join(SINGLE, name);
    const { header, bytes, warnings } = instance(file);
    expect(header.transferSyntaxUid).toBe(ts);
    expect(header.transferSyntaxUid).toBe(dcmdump(file, '0002,0010'));
    expect(header.sopInstanceUid).toBe(dcmdump(file, '0008,0018'));
    expect(header.sopClassUid).toBe(dcmdump(file, '0008,0016'));
    expect(header.studyInstanceUid).toBe(dcmdump(file, '0020,000D'));
    expect(header.seriesInstanceUid).toBe(dcmdump(file, '0020,000E'));
    expect(header.rows).toBe(Number(dcmdump(file, '0028,0010')));
    expect(header.columns).toBe(Number(dcmdump(file, '0028,0011')));
    expect(header.bitsAllocated).toBe(Number(dcmdump(file, '0028,0100')));
    expect(header.pixelSpacing).toEqual(dcmdump(file, '0028,0030')!.split('\\').map(Number));
    expect(header.patientName).toBe(dcmdump(file, '0010,0010'));
    expect(header.numberOfFrames).toBe(1);
    expect(warnings).toEqual([]);
    // The file is stored as it came.
    expect(Buffer.from(bytes).equals(readFileSync(file))).toBe(true);
  });

  it('reads the CT series header fields: geometry, window presets, rescale, dates as ISO', () => {
    const file = path.join(CT_SERIES, '1.dcm');
    const { header } = instance(file);
    expect(header).toMatchObject({
      modality: 'CT',
      patientName: 'Bellona',
      patientId: '0000006',
      studyDate: '2015-10-26',
      studyDescription: 'CT CHEST W CONTRAST',
      seriesDescription: 'Chest 3x3 Soft',
      seriesNumber: 2,
      bodyPartExamined: 'CHEST',
      instanceNumber: 90,
      imagePositionPatient: [-201.0615234375, -424.5615234375, -9.5],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      windowCenter: [36, -600],
      rows: 512,
      columns: 512,
    });
    expect(header.windowWidth).toEqual(dcmdump(file, '0028,1051')!.split('\\').map(Number));
    expect(header.rescaleIntercept).toBe(Number(dcmdump(file, '0028,1052')));
    expect(header.sliceThickness).toBe(Number(dcmdump(file, '0018,0050')));
  });

  it('reads the DICOMDIR tree images (CR with Imager Pixel Spacing only)', () => {
    const { header } = instance(path.join(CD_TREE, '77654033', 'CR1', '6154'));
    expect(header).toMatchObject({
      modality: 'CR',
      patientName: 'Doe^Archibald',
      patientId: '77654033',
      pixelSpacing: null,
      imagerPixelSpacing: [0.1, 0.1],
    });
  });
});

describe('parseInstance: what is not imported, and why', () => {
  it('MR_truncated.dcm: rejected as truncated, saying how much pixel data there is', () => {
    expect(reason(path.join(MALFORMED, 'MR_truncated.dcm'))).toBe(
      'truncated: pixel data ends early (8130 of 8192 bytes)',
    );
  });

  it('badVR.dcm: Number of Frames "1A" is rejected, naming the tag and what the pixel data really holds', () => {
    // Guessing 1 frame would show 15 dose planes as one garbled image, and the viewer reads the same bad value.
    expect(reason(path.join(MALFORMED, 'badVR.dcm'))).toBe(
      'invalid Number of Frames (0028,0008): "1A" is not a whole number (the pixel data holds 15 frames of 10×10)',
    );
  });

  it('no_meta.dcm: no preamble, and its first bytes are not a DICOM element either (a stray byte): not DICOM', () => {
    expect(reason(path.join(MALFORMED, 'no_meta.dcm'))).toBe(NOT_DICOM);
  });

  it('UN_sequence.dcm: a lone UN-encoded sequence without the identifying UIDs: rejected naming the missing tags', () => {
    expect(reason(path.join(MALFORMED, 'UN_sequence.dcm'))).toBe(
      'missing required tags SOP Instance UID (0008,0018), Study Instance UID (0020,000D), Series Instance UID (0020,000E)',
    );
  });

  it('a text file is not DICOM; an empty buffer neither', () => {
    expect(parseInstance(Buffer.from('<html><body>Please log in</body></html>')).kind).toBe('rejected');
    expect(parseInstance(new Uint8Array(0))).toEqual({ kind: 'rejected', reason: NOT_DICOM });
  });

  it('a DICOMDIR (any variant) is a directory, not an instance', () => {
    for (const name of [
      'DICOMDIR',
      'DICOMDIR-bigEnd',
      'DICOMDIR-implicit',
      'DICOMDIR-nooffset',
      'DICOMDIR-nopatient',
      'DICOMDIR-reordered',
      'DICOMDIR-empty.dcm',
    ]) {
      expect(parseFile(path.join(CD_TREE, name)), name).toEqual({ kind: 'directory' });
    }
  });

  it('a file cut inside its pixel data, and one cut inside its header, say so', () => {
    const whole = readFileSync(path.join(CT_SERIES, '1.dcm'));
    expect(parseInstance(whole.subarray(0, 100_000))).toEqual({
      kind: 'rejected',
      reason: `truncated: pixel data ends early (${100_000 - 2870} of 524288 bytes)`,
    });
    expect((parseInstance(whole.subarray(0, 1000)) as { reason: string }).reason).toMatch(
      /^damaged: an element of the DICOM header runs past the end of the file/,
    );
  });

  it('compressed pixel data cut short is caught by walking its fragments', () => {
    const rle = readFileSync(path.join(SINGLE, 'MR_small_RLE.dcm'));
    expect((parseInstance(rle.subarray(0, rle.length - 500)) as { reason: string }).reason).toMatch(
      /^truncated: pixel data ends early \(fragment \d+ has \d+ of \d+ bytes\)$/,
    );
    // Cut just before the sequence delimiter (the file has 134 bytes of trailing padding after it).
    const delimiter = rle.lastIndexOf(Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]));
    expect(delimiter).toBeGreaterThan(0);
    expect((parseInstance(rle.subarray(0, delimiter)) as { reason: string }).reason).toMatch(
      /^truncated: compressed pixel data ends early/,
    );
    expect(parseInstance(rle.subarray(0, delimiter + 8)).kind).toBe('instance');
  });

  it('an unsupported transfer syntax is rejected with its UID and name', () => {
    const bytes = Buffer.from(readFileSync(path.join(SINGLE, 'MR_small_jpeg_ls_lossless.dcm')));
    // Same length: 1.2.840.10008.1.2.4.80 -> 1.2.840.10008.1.2.4.94 (JPIP Referenced).
    const at = bytes.indexOf('1.2.840.10008.1.2.4.80');
    bytes.write('1.2.840.10008.1.2.4.94', at, 'latin1');
    expect(parseInstance(bytes)).toEqual({
      kind: 'rejected',
      reason:
        "unsupported transfer syntax 1.2.840.10008.1.2.4.94 (JPIP Referenced): BoardPrep's viewer cannot decode it",
    });
  });
});

describe('parseInstance: a raw data set without the Part 10 wrapper', () => {
  it('is accepted when it parses and has the UIDs, and is stored with a generated Part 10 header dcmdump reads', () => {
    // MR_small_implicit.dcm without its preamble and file meta header: a raw implicit VR little endian data set.
    const part10 = readFileSync(path.join(SINGLE, 'MR_small_implicit.dcm'));
    const groupLength = part10.readUInt32LE(132 + 8);
    const raw = part10.subarray(132 + 12 + groupLength);
    const r = parseInstance(raw);
    if (r.kind !== 'instance') throw new Error(JSON.stringify(r));
    expect(r.header.transferSyntaxUid).toBe('1.2.840.10008.1.2');
    expect(r.header.sopInstanceUid).toBe(dcmdump(path.join(SINGLE, 'MR_small_implicit.dcm'), '0008,0018'));
    expect(r.warnings).toEqual(['no DICM preamble or file meta header: stored with a generated Part 10 header']);
    expect(hasPart10Preamble(r.bytes)).toBe(true);
    expect(Buffer.from(r.bytes.subarray(r.bytes.length - raw.length)).equals(raw)).toBe(true);

    const stored = path.join(tempDataDir(), 'stored.dcm');
    writeFileSync(stored, r.bytes);
    expect(dcmdump(stored, '0002,0010')).toBe('1.2.840.10008.1.2');
    expect(dcmdump(stored, '0002,0003')).toBe(r.header.sopInstanceUid);
    expect(dcmdump(stored, '0028,0030')).toBe('0.3125\\0.3125');
    // And it parses again as the same instance.
    const again = parseInstance(r.bytes);
    expect(again.kind === 'instance' && again.header).toEqual(r.header);
  });

  it('a raw explicit big endian data set is accepted too', () => {
    const part10 = readFileSync(path.join(SINGLE, 'MR_small_bigendian.dcm'));
    const groupLength = part10.readUInt32LE(132 + 8);
    const r = parseInstance(part10.subarray(132 + 12 + groupLength));
    expect(r.kind === 'instance' && r.header.transferSyntaxUid).toBe('1.2.840.10008.1.2.2');
    expect(r.kind === 'instance' && r.header.rows).toBe(64);
  });
});

describe('parseInstance: files built to exhaust memory are refused before they are built', () => {
  const slice = ctSlice(1);
  const refused = (bytes: Uint8Array) => {
    const r = parseInstance(bytes);
    if (r.kind !== 'rejected') throw new Error(`expected a rejection, got ${r.kind}`);
    return r.reason;
  };

  it('a deflated data set still imports, and one that inflates past its bound is refused as a decompression bomb', () => {
    const ok = parseInstance(deflated(slice, 0));
    expect(ok.kind).toBe('instance');
    if (ok.kind === 'instance') expect(ok.header.transferSyntaxUid).toBe('1.2.840.10008.1.2.1.99');
    const bomb = deflated(slice, 200);
    expect(bomb.length).toBeLessThan(1024 ** 2);
    const started = performance.now();
    expect(refused(bomb)).toMatch(/^refused: the deflated data set inflates to more than 64 MB .*decompression bomb/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a sequence of tens of thousands of empty items is refused, naming the bound', () => {
    const many = withBeforePixels(slice, sequence(0x0040, 0x0275, emptyItems(MAX_ITEMS + 1)));
    expect(refused(many)).toMatch(/^refused: the header holds more than 50,000 sequence items/);
    // Below the bound the same file imports.
    expect(parseInstance(withBeforePixels(slice, sequence(0x0040, 0x0275, emptyItems(1000)))).kind).toBe('instance');
  });

  it('sequences nested thousands deep are refused with a reason, not a stack overflow', () => {
    expect(refused(withBeforePixels(slice, nestedSequences(20_000)))).toMatch(
      /^refused: sequences nested more than 32 deep/,
    );
    expect(parseInstance(withBeforePixels(slice, nestedSequences(8))).kind).toBe('instance');
  });
});

describe('parseInstance: UIDs must be DICOM UIDs', () => {
  it('a file whose Study and Series UIDs are hash strings is rejected, naming the fields', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'hash-uids.dcm');
    execFileSync('/usr/bin/python3', [
      '-c',
      [
        'import pydicom, sys',
        'ds = pydicom.dcmread(sys.argv[1])',
        'ds.StudyInstanceUID = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"',
        'ds.SeriesInstanceUID = "a3bf4f1b2b0b822cd15d6c15b0f00a08"',
        'ds.save_as(sys.argv[2])',
      ].join('\n'),
      path.join(CT_SERIES, '1.dcm'),
      file,
    ]);
    expect(reason(file)).toBe(
      'invalid UIDs: Study Instance UID (0020,000D) "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", ' +
        'Series Instance UID (0020,000E) "a3bf4f1b2b0b822cd15d6c15b0f00a08" (a DICOM UID is digits and dots, at most 64 characters)',
    );
  });
});
