import * as namespace from 'dicom-parser';

type DicomParser = typeof namespace;

/**
 * dicom-parser ships a CommonJS bundle. Node's ESM loader exposes it only as `default`; bundlers expose the named
 * exports. This picks whichever is there so the same code runs in vitest, the CLI and the Electron build.
 */
export const dicomParser: DicomParser = (namespace as unknown as { default?: DicomParser }).default ?? namespace;

export type { DataSet, Element } from 'dicom-parser';
