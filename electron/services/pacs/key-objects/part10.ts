import dcmjs, { type NaturalizedDataset } from 'dcmjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** BoardPrep's implementation class UID (a fixed 2.25 UID: sha256 of 'BoardPrep', see uids.ts). */
export const IMPLEMENTATION_CLASS_UID = '2.25.172749204843220117883572761912160031673';
export const IMPLEMENTATION_VERSION = 'BOARDPREP_1';
/** What every object BoardPrep writes says of its maker (General Equipment, SOP Common). */
export const MANUFACTURER = 'BoardPrep';
export const SOFTWARE_VERSIONS = 'BoardPrep key objects 1';

/** A Part 10 file (preamble, DICM, meta group) of a dataset in Explicit VR Little Endian. */
export function toPart10(
  dataset: NaturalizedDataset,
  sopClassUid: string,
  sopInstanceUid: string,
  pixelData?: Uint8Array,
): Uint8Array {
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION,
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset({
    ...dataset,
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
  });
  if (pixelData) {
    // 8-bit native pixels are OB; an element's length is even, so an odd count gets one pad byte.
    const even = pixelData.length % 2 === 0 ? pixelData : padded(pixelData);
    const buffer = even.buffer.slice(even.byteOffset, even.byteOffset + even.byteLength);
    dict.dict['7FE00010'] = { vr: 'OB', Value: [buffer] };
  }
  return new Uint8Array(dict.write());
}

function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/** DICOM DA and TM (UTC) of an ISO timestamp. */
export function dicomDateTime(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  const at = Number.isNaN(d.getTime()) ? new Date(0) : d;
  const s = at.toISOString(); // 2026-12-03T16:00:09.123Z
  return { date: s.slice(0, 10).replace(/-/g, ''), time: s.slice(11, 19).replace(/:/g, '') };
}
