 
import type { Db } from '../../db/open';
import type { PacsSeries, PacsStudy, PacsStudyQuery } from '../../../shared/domain/pacs';
import type { PacsClient } from './client';

/** PLACEHOLDER (the pipeline helper replaces this file): studies and series from the node, marked as imported. */
export async function queryStudies(
  _db: Db,
  client: PacsClient,
  query: PacsStudyQuery,
  signal?: AbortSignal,
): Promise<PacsStudy[]> {
  await client.findStudies(query, signal);
  return [];
}

export async function querySeries(
  _db: Db,
  client: PacsClient,
  studyUid: string,
  signal?: AbortSignal,
): Promise<PacsSeries[]> {
  await client.findSeries(studyUid, signal);
  return [];
}
