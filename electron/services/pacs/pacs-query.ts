import type { Db } from '../../db/open';
import type { PacsSeries, PacsStudy, PacsStudyQuery } from '../../../shared/domain/pacs';
import type { PacsClient } from './client';
import { importedMark, toSeries, toStudy } from './pacs-json';
import { heldPerSeries, heldPerStudy } from './pacs-sql';

/** Newest first; undated studies last; then by UID so the order is stable. */
function newestFirst(a: PacsStudy, b: PacsStudy): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : b.date.localeCompare(a.date);
  return a.studyUid.localeCompare(b.studyUid);
}

/** The node's studies matching the query, each marked by how much of it the index holds, newest first. */
export async function queryStudies(
  db: Db,
  client: PacsClient,
  query: PacsStudyQuery,
  signal?: AbortSignal,
): Promise<PacsStudy[]> {
  const found = (await client.findStudies(query, signal)).map(toStudy).filter((s) => s !== null);
  const held = heldPerStudy(
    db,
    found.map((s) => s.studyUid),
  );
  return found
    .map((s) => ({ ...s, imported: importedMark(held.get(s.studyUid) ?? 0, s.instanceCount) }))
    .sort(newestFirst);
}

/** The study's series on the node, each marked likewise, by series number. */
export async function querySeries(
  db: Db,
  client: PacsClient,
  studyUid: string,
  signal?: AbortSignal,
): Promise<PacsSeries[]> {
  const found = (await client.findSeries(studyUid, signal)).map((j) => toSeries(j, studyUid)).filter((s) => s !== null);
  const held = heldPerSeries(
    db,
    found.map((s) => s.seriesUid),
  );
  return found
    .map((s) => ({ ...s, imported: importedMark(held.get(s.seriesUid) ?? 0, s.instanceCount) }))
    .sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.seriesUid.localeCompare(b.seriesUid));
}
