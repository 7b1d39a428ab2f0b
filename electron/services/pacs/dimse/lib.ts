import * as dimseNamespace from 'dcmjs-dimse';

/**
 * dcmjs-dimse (the DICOM network stack: associations, PDUs, DIMSE messages). Node's ESM loader exposes its
 * CommonJS bundle as `default`; bundlers and the typings expose the named exports. Its logger is silenced: failures
 * reach the user as PacsError, not as console noise.
 */
export const dimse: typeof dimseNamespace =
  (dimseNamespace as unknown as { default?: typeof dimseNamespace }).default ?? dimseNamespace;
dimse.log.setLevel('silent');

export type Dataset = dimseNamespace.Dataset;
export type Request = dimseNamespace.requests.Request;
export type Response = dimseNamespace.responses.Response;
export type CEchoRequest = dimseNamespace.requests.CEchoRequest;
export type CStoreRequest = dimseNamespace.requests.CStoreRequest;
export type CEchoResponse = dimseNamespace.responses.CEchoResponse;
export type CStoreResponse = dimseNamespace.responses.CStoreResponse;
export type Association = dimseNamespace.association.Association;
export type PresentationContext = dimseNamespace.association.PresentationContext;

/** DIMSE status codes BoardPrep reads (PS3.7 Annex C). */
export const STATUS = {
  success: 0x0000,
  pending: 0xff00,
  pendingWarning: 0xff01,
  cancel: 0xfe00,
  subOpsWarning: 0xb000,
  outOfResources: 0xa700,
  cannotUnderstand: 0xc000,
} as const;
