// dcmjs ships no type declarations; the one function used here is typed below.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- @ts-expect-error would fail once types exist
// @ts-ignore -- TS7016 (no declaration file) is expected; a later @types/dcmjs would make this line a no-op.
import * as dcmjsNamespace from 'dcmjs';
import type { DicomJson } from '../client';

interface Dcmjs {
  data: {
    DicomMetaDictionary: {
      denaturalizeDataset(dataset: Record<string, unknown>): Record<string, { vr: string; Value?: unknown[] }>;
    };
  };
}
// Node's ESM loader exposes the CommonJS bundle as `default`; bundlers expose the named exports.
const dcmjs: Dcmjs = (dcmjsNamespace as unknown as { default?: Dcmjs }).default ?? (dcmjsNamespace as unknown as Dcmjs);

const NUMBER_STRINGS = new Set(['IS', 'DS']);

/**
 * A C-FIND answer as DICOM JSON (PS3.18 F.2), the shape QIDO-RS answers, so both transports look the same to
 * pacs-json.ts. dcmjs-dimse gives the answer naturalized (keyword → value); dcmjs denaturalizes it to tag → {vr, Value},
 * and this tidies what the JSON model says differently: an empty value has no Value, IS and DS are numbers,
 * sequences hold JSON items, bulk data is InlineBinary.
 */
export function toDicomJson(naturalized: Record<string, unknown>): DicomJson {
  return tidy(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(naturalized));
}

function tidy(dataset: Record<string, { vr: string; Value?: unknown[] }>): DicomJson {
  const out: DicomJson = {};
  for (const [tag, element] of Object.entries(dataset)) {
    if (!/^[0-9A-F]{8}$/i.test(tag)) continue;
    const key = tag.toUpperCase();
    const { vr } = element;
    const values = (element.Value ?? []).filter((v) => v !== '' && v !== null && v !== undefined);
    if (values.length === 0) {
      out[key] = { vr };
    } else if (vr === 'SQ') {
      out[key] = { vr, Value: values.map((item) => tidy(item as Record<string, { vr: string; Value?: unknown[] }>)) };
    } else if (NUMBER_STRINGS.has(vr)) {
      out[key] = { vr, Value: values.map((v) => (typeof v === 'number' ? v : Number(String(v).trim()))) };
    } else if (values[0] instanceof ArrayBuffer || ArrayBuffer.isView(values[0])) {
      const bytes = values[0] instanceof ArrayBuffer ? new Uint8Array(values[0]) : (values[0] as Uint8Array);
      out[key] = {
        vr,
        InlineBinary: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      } as DicomJson[string];
    } else {
      out[key] = { vr, Value: values };
    }
  }
  return out;
}
