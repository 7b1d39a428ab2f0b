import type { DataSet } from './dicom-parser';

/** Reading typed values out of a dicom-parser DataSet: strings in the file's character set, DICOM numbers, dates. */

const decoders = new Map<string, TextDecoder>();
function decoder(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    d = new TextDecoder(label);
    decoders.set(label, d);
  }
  return d;
}

/** Specific Character Set defined terms to WHATWG encoding labels. ISO 2022 code extensions are read as their base set. */
const CHARSETS: Record<string, string> = {
  '': 'latin1',
  ISO_IR_6: 'latin1',
  ISO_IR_100: 'latin1',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'iso-8859-9',
  ISO_IR_203: 'iso-8859-15',
  ISO_IR_166: 'windows-874',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  ISO_2022_IR_6: 'latin1',
  ISO_2022_IR_100: 'latin1',
  ISO_2022_IR_87: 'iso-2022-jp',
  ISO_2022_IR_13: 'shift_jis',
  ISO_2022_IR_149: 'euc-kr',
};

/** A decoder for a data set's Specific Character Set (0008,0005); unknown sets fall back to Latin-1. */
export function textDecoderFor(specificCharacterSet: string | undefined): TextDecoder {
  const terms = (specificCharacterSet ?? '').split('\\').map((t) => t.trim().replace(/ /g, '_'));
  // With code extensions the first value is the default repertoire; the last one names the extension in use.
  const term = terms.length > 1 ? terms[terms.length - 1] || terms[0] : terms[0];
  return decoder(CHARSETS[term] ?? 'latin1');
}

/** Bytes of an element's value, or undefined when absent or empty. */
function valueBytes(ds: DataSet, tag: string): Uint8Array | undefined {
  const el = ds.elements[tag];
  if (!el || !el.length || el.length === 0xffffffff) return undefined;
  const end = Math.min(el.dataOffset + el.length, ds.byteArray.length);
  if (end <= el.dataOffset) return undefined;
  return ds.byteArray.subarray(el.dataOffset, end);
}

/** ASCII text (UI, CS, DA, TM, DS, IS): NULs and surrounding spaces removed; null when empty. */
export function ascii(ds: DataSet, tag: string): string | null {
  const bytes = valueBytes(ds, tag);
  if (!bytes) return null;
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  s = s.trim();
  return s === '' ? null : s;
}

/** Text in the data set's character set (PN, LO, SH, ST, LT, UT): trailing padding removed; null when empty. */
export function text(ds: DataSet, tag: string, dec: TextDecoder): string | null {
  const bytes = valueBytes(ds, tag);
  if (!bytes) return null;
  const s = dec
    .decode(bytes)
    .replace(/[\0\s]+$/u, '')
    .replace(/^\s+/u, '');
  return s === '' ? null : s;
}

/** Backslash-separated decimal strings (DS) as numbers; null when absent or any value is not a number. */
export function decimals(ds: DataSet, tag: string): number[] | null {
  const s = ascii(ds, tag);
  if (s === null) return null;
  const parts = s.split('\\');
  const out: number[] = [];
  for (const p of parts) {
    const t = p.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
    out.push(Number(t));
  }
  return out;
}

export function decimal(ds: DataSet, tag: string): number | null {
  const v = decimals(ds, tag);
  return v && v.length > 0 ? v[0] : null;
}

/** An Integer String (IS): the whole number, null when absent, undefined when present but not a whole number. */
export function integerString(ds: DataSet, tag: string): number | null | undefined {
  const s = ascii(ds, tag);
  if (s === null) return null;
  const first = s.split('\\')[0].trim();
  if (!/^[+-]?\d+$/.test(first)) return undefined;
  return Number(first);
}

/** An unsigned short (US) value, read with the data set's byte order; null when absent. */
export function uint16(ds: DataSet, tag: string): number | null {
  const el = ds.elements[tag];
  if (!el || el.length < 2 || el.dataOffset + 2 > ds.byteArray.length) return null;
  return ds.uint16(tag) ?? null;
}

/** DICOM DA (`YYYYMMDD`, or the old `YYYY.MM.DD`) as ISO `YYYY-MM-DD` when valid, else the text as found. */
export function isoDate(raw: string | null): string | null {
  if (raw === null) return null;
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(raw);
  if (!m) return raw;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : raw;
}
