/* eslint-disable @typescript-eslint/no-unused-vars -- a placeholder until its helper lands */
import type { PacsRetrieveProgress, PacsRetrieveResult } from '../../../shared/contract/pacs';
import type { Db } from '../../db/open';
import { DomainError } from '../errors';
import type { JobControl } from '../jobs/job-registry';
import type { PacsClient } from './client';
import type { PacsNodeWithSecret } from './nodes-sql';

export interface RetrieveDeps {
  db: Db;
  dataDir: string;
  node: PacsNodeWithSecret;
  client: PacsClient;
}

export interface RetrieveRequest {
  caseId: number;
  studyUid: string;
  /** Empty: the whole study. */
  seriesUids: readonly string[];
  confirmMismatch: boolean;
}

/** PLACEHOLDER (the pipeline helper replaces this file): PACS instances through the file import, resumable. */
export async function retrieveIntoCase(
  _deps: RetrieveDeps,
  _request: RetrieveRequest,
  _control: JobControl<PacsRetrieveProgress>,
): Promise<PacsRetrieveResult> {
  throw new DomainError('unavailable', 'Retrieving from a PACS is not built yet');
}
