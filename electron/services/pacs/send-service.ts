/* eslint-disable @typescript-eslint/no-unused-vars -- a placeholder until its helper lands */
import type { PacsSendProgress, PacsSendResult } from '../../../shared/contract/pacs';
import type { Db } from '../../db/open';
import { DomainError } from '../errors';
import type { JobControl } from '../jobs/job-registry';
import type { PacsClient } from './client';
import type { PacsNodeWithSecret } from './nodes-sql';

export interface SendDeps {
  db: Db;
  dataDir: string;
  node: PacsNodeWithSecret;
  client: PacsClient;
}

/** PLACEHOLDER (the key-images helper replaces this file): Secondary Captures and one KOS per study to the PACS. */
export async function sendKeyImages(
  _deps: SendDeps,
  _caseId: number,
  _control: JobControl<PacsSendProgress>,
): Promise<PacsSendResult> {
  throw new DomainError('unavailable', 'Sending key images to a PACS is not built yet');
}
