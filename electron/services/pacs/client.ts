import type { PacsFailure, PacsStudyQuery, PacsTestResult, PacsTransport } from '../../../shared/domain/pacs';

/**
 * What BoardPrep needs of a PACS, whatever the transport (issue 15). Two implementations: DICOMweb
 * (dicomweb/dicomweb-client.ts: QIDO-RS, WADO-RS, STOW-RS over HTTP) and DIMSE (dimse/dimse-client.ts: C-ECHO,
 * C-FIND, C-GET or C-MOVE, C-STORE with dcmjs-dimse). The retrieval pipeline (retrieve-service.ts), the prior-study
 * lookup and the key-image sender are written against this interface only.
 *
 * Answers are raw DICOM attributes in the DICOM JSON model (PS3.18 F.2: { "0020000D": { vr, Value } }), so the
 * two transports answer the same shape and one mapping (pacs-json.ts) makes PacsStudy and PacsSeries of them.
 */
export type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

/** One instance as it arrived: a complete Part 10 file (preamble, DICM, meta group) in memory. */
export interface ReceivedInstance {
  sopInstanceUid: string;
  bytes: Uint8Array;
}

/** What to retrieve: a whole study, or one series of it. */
export interface RetrieveTarget {
  studyUid: string;
  seriesUid?: string;
}

export interface RetrieveOptions {
  signal?: AbortSignal;
  /**
   * Instances already held (in the store or the retrieval's staging folder): not fetched again. A transport that
   * can only fetch a whole series (C-GET/C-MOVE) may still receive them; the sink then ignores them.
   */
  skip?: ReadonlySet<string>;
  /** Each instance, as it arrives; awaited, so a slow disk slows the transfer rather than filling memory. */
  onInstance(instance: ReceivedInstance): Promise<void>;
  /** Called with the instances expected, once known (from the query or the C-GET/C-MOVE responses). */
  onExpected?(count: number): void;
}

export interface PacsClient {
  readonly transport: PacsTransport;
  /** C-ECHO, or a small QIDO-RS query; never throws: the result says what failed in plain words. */
  test(): Promise<PacsTestResult>;
  /** Study-level query (QIDO-RS /studies or C-FIND STUDY), with series and instance counts when the PACS gives them. */
  findStudies(query: PacsStudyQuery, signal?: AbortSignal): Promise<DicomJson[]>;
  /** Series-level query of one study. */
  findSeries(studyUid: string, signal?: AbortSignal): Promise<DicomJson[]>;
  /** Instance-level query: the SOP Instance UIDs of a study or series (what a resume compares against). */
  findInstances(target: RetrieveTarget, signal?: AbortSignal): Promise<string[]>;
  /** Retrieves the target's instances (WADO-RS, C-GET or C-MOVE), handing each to onInstance as it arrives. */
  retrieve(target: RetrieveTarget, options: RetrieveOptions): Promise<void>;
  /** Stores Part 10 files (STOW-RS or C-STORE); answers the SOP Instance UIDs the PACS accepted. */
  store(files: readonly Uint8Array[], signal?: AbortSignal): Promise<string[]>;
  /** Frees sockets, agents and any listener (the C-MOVE storage SCP). */
  close(): Promise<void>;
}

/** A failure talking to a PACS: `failure` says why by id; the message is for the user and names the node. */
export class PacsError extends Error {
  override name = 'PacsError';
  constructor(
    readonly failure: PacsFailure,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
