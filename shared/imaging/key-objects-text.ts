import type { PacsSendResult } from '../contract/pacs';

/** The series the board's key images go to in the PACS (issue 15 item 6), one per source study. */
export const KEY_IMAGES_SERIES = 'BoardPrep key images';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a finished send says, on the Key images panel and the command line. */
export function sentSummary(r: PacsSendResult): string {
  return (
    `${plural(r.secondaryCaptures, 'key image')} and ${plural(r.keyObjects, 'key object')} sent to ${r.node} ` +
    `as the series '${KEY_IMAGES_SERIES}'`
  );
}
