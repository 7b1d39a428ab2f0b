import { createHash } from 'node:crypto';

/**
 * Deterministic UIDs for what BoardPrep sends to a PACS, so that sending the same key images twice stores nothing
 * new (the PACS already holds those SOP Instance UIDs).
 *
 * The rule: UID = "2.25." + the decimal of the first 128 bits of sha256 over a kind and its stable inputs, joined
 * by newlines (2.25 is the UUID-derived root of PS3.5 B.2: no registered root needed, at most 44 characters).
 *  - install: the data folder's identity (the hash of its first audit entry: written once, never changed), so
 *    two BoardPrep installations never mint the same UID for their own key image 1.
 *  - series (Secondary Captures): install + source Study Instance UID: one "BoardPrep key images" series per
 *    study, the same on every send. The Key Object Selection has a sibling series: install + study + 'ko'.
 *  - Secondary Capture: install + key image id + source SOP Instance UID + frame + sha256 of the rendered PNG +
 *    caption: a key image measured again or re-captioned is a new instance; an unchanged one keeps its UID.
 *  - Key Object Selection: install + study + the sorted UIDs of the study's Secondary Captures (so the set of key
 *    images and their content): a KOS changes only when what it selects changes.
 */
export const UID_VERSION = 'boardprep-key-objects-1';

export function deterministicUid(kind: string, ...inputs: readonly (string | number)[]): string {
  const digest = createHash('sha256')
    .update([UID_VERSION, kind, ...inputs.map(String)].join('\n'))
    .digest('hex');
  return `2.25.${BigInt(`0x${digest.slice(0, 32)}`).toString(10)}`;
}

export const scSeriesUid = (install: string, studyUid: string) => deterministicUid('sc-series', install, studyUid);
export const koSeriesUid = (install: string, studyUid: string) => deterministicUid('ko-series', install, studyUid);

export const scInstanceUid = (
  install: string,
  k: { keyImageId: number; sourceSopUid: string; frame: number; pngSha256: string; caption: string },
) => deterministicUid('sc', install, k.keyImageId, k.sourceSopUid, k.frame, k.pngSha256, k.caption);

export const koInstanceUid = (install: string, studyUid: string, scUids: readonly string[]) =>
  deterministicUid('ko', install, studyUid, ...[...scUids].sort());
