/**
 * The little of dcmjs (0.52, no types of its own) the key-object writers use: read a Part 10 file's header, turn
 * keyword datasets into tag datasets and back, and write a Part 10 file.
 */
declare module 'dcmjs' {
  /** A dataset keyed by tag ('0020000D'), each element with its VR and values (the DICOM JSON model). */
  export type DenaturalizedDataset = Record<string, { vr: string; Value?: unknown[] }>;
  /** A dataset keyed by keyword ('StudyInstanceUID'); sequences are arrays of such datasets. */
  export type NaturalizedDataset = Record<string, unknown>;

  export class DicomDict {
    constructor(meta: DenaturalizedDataset);
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  export interface ReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
  }

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: {
        readFile(
          buffer: ArrayBuffer,
          options?: ReadOptions,
        ): { meta: DenaturalizedDataset; dict: DenaturalizedDataset };
      };
      DicomMetaDictionary: {
        naturalizeDataset(dataset: DenaturalizedDataset): NaturalizedDataset;
        denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
      };
    };
  };
  export default dcmjs;
}
