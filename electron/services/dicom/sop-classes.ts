/** SOP classes named in rejection reasons. Whether an object is an image is decided by its content (see parse.ts). */

export const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';
export const SEGMENTATION = '1.2.840.10008.5.1.4.1.1.66.4';

const EXACT: ReadonlyMap<string, string> = new Map([
  [MEDIA_STORAGE_DIRECTORY, 'DICOMDIR'],
  ['1.2.840.10008.5.1.4.1.1.88.59', 'Key Object Selection'],
  ['1.2.840.10008.5.1.4.1.1.104.1', 'Encapsulated PDF'],
  ['1.2.840.10008.5.1.4.1.1.104.2', 'Encapsulated CDA'],
  ['1.2.840.10008.5.1.4.1.1.104.3', 'Encapsulated STL'],
  ['1.2.840.10008.5.1.4.1.1.481.2', 'RT Dose'],
  ['1.2.840.10008.5.1.4.1.1.481.3', 'RT Structure Set'],
  ['1.2.840.10008.5.1.4.1.1.481.5', 'RT Plan'],
  ['1.2.840.10008.5.1.4.1.1.481.8', 'RT Ion Plan'],
  ['1.2.840.10008.5.1.4.1.1.66', 'Raw Data'],
  ['1.2.840.10008.5.1.4.1.1.66.1', 'Spatial Registration'],
  ['1.2.840.10008.5.1.4.1.1.66.2', 'Spatial Fiducials'],
  ['1.2.840.10008.5.1.4.1.1.66.3', 'Deformable Spatial Registration'],
  [SEGMENTATION, 'Segmentation'],
  ['1.2.840.10008.5.1.4.1.1.66.5', 'Surface Segmentation'],
  ['1.2.840.10008.5.1.4.1.1.67', 'Real World Value Mapping'],
]);

const PREFIXES: readonly [string, string][] = [
  ['1.2.840.10008.5.1.4.1.1.88.', 'Structured Report'],
  ['1.2.840.10008.5.1.4.1.1.11.', 'Presentation State'],
  ['1.2.840.10008.5.1.4.1.1.9.', 'Waveform'],
  ['1.2.840.10008.5.1.4.1.1.104.', 'Encapsulated Document'],
  ['1.2.840.10008.5.1.4.1.1.481.', 'Radiotherapy object'],
];

/** A short human name for the kinds of SOP class we name in messages, or undefined. */
export function sopClassKind(uid: string): string | undefined {
  const exact = EXACT.get(uid);
  if (exact) return exact;
  return PREFIXES.find(([prefix]) => uid.startsWith(prefix))?.[1];
}
