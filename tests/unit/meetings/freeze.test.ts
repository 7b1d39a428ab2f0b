import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestBody } from '../../../electron/host/body';
import { answerMedia } from '../../../electron/host/media';
import type { Services } from '../../../electron/host/services';
import { ExportsService } from '../../../electron/services/export';
import { stripPngMetadata } from '../../../electron/services/export/png';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import { CaseInput } from '../../../shared/domain/case';
import type { CaseDeck, DeckImage, MeetingDeck } from '../../../shared/deck/model';
import { CORE_SPECIALTIES, DecisionFields } from '../../../shared/domain/meeting';
import type { PlanOption } from '../../../shared/domain/clinical';
import { report } from '../clinical-services/fixtures';
import { slideParts, unzipPptx } from '../export/office-files';
import { testPicture } from '../export/png-fixture';
import { caseInput } from '../helpers/case-input';
import { caller, insertKeyImages, setup } from './fixtures';

/** Who signs off in these tests, and why without a full panel: quorum is not what they are about. */
const CHAIR_SIGNER = { userId: null, name: 'Dr Chair' };
const NO_QUORUM = 'Quorum is not what this test is about';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const decision = DecisionFields.parse({
  attendance: Object.fromEntries(CORE_SPECIALTIES.map((s) => [s, { present: true, names: [`Dr ${s}`] }])),
  recommendation: { options: ['surgery'] as PlanOption[], text: 'Wide excision' },
  intent: 'curative' as const,
  actions: [],
  notes: '',
  outcome: 'discussed' as const,
});

const imagesOf = (deck: CaseDeck | MeetingDeck): DeckImage[] =>
  deck.slides.flatMap((s) => (s.kind === 'imaging' ? s.content.images : []));

/**
 * A meeting with two cases: Quill (two key images with their PNGs on disk, one question edited) is signed off;
 * Raven is not. Sign-off uses the input as it is on main (itemId, version, by).
 */
async function world() {
  const s = setup();
  const call = caller(s.m);
  const quill = s.newCase({ patient: { familyName: 'Quill', givenNames: 'Ada' }, status: 'ready' as never });
  const raven = s.newCase({ patient: { familyName: 'Ravensworth', givenNames: 'Tobias' } });
  const [keyA, keyB] = insertKeyImages(s.db, quill, 2);
  mkdirSync(path.join(s.dataDir, 'renders'), { recursive: true });
  const pngs = [testPicture(160, 120, 1), testPicture(160, 120, 2)];
  pngs.forEach((png, i) => writeFileSync(path.join(s.dataDir, 'renders', `${i}.png`), png));
  const meetingId = s.newMeeting();
  const [itemQ, itemR] = s.m.agenda.add(meetingId, [quill, raven]).items.map((i) => i.id);
  s.m.deck.editSlide({ itemId: itemQ, slideKey: `case-${quill}/title`, text: { question: 'Excise now?' } });
  const signedLive = s.m.deck.caseDeck(itemQ);
  s.m.decisions.save(itemQ, 0, decision);
  s.m.decisions.signOff(itemQ, 1, CHAIR_SIGNER, NO_QUORUM);
  return { s, call, quill, raven, keyA, keyB, pngs, meetingId, itemQ, itemR, signedLive };
}

function changeTheRecord(w: Awaited<ReturnType<typeof world>>) {
  const current = w.s.cases.get(w.quill);
  w.s.cases.update(
    w.quill,
    current.version,
    CaseInput.parse(caseInput({ patient: current.patient, workingDiagnosis: 'Myxofibrosarcoma, recurrent' })),
  );
  w.s.clinical.pathology.create(w.quill, report({ histotypeId: 'leiomyosarcoma', specimenId: 'S-77' }));
  new KeyImagesService(w.s.db, w.s.dataDir).remove(w.keyA);
  w.s.m.deck.editSlide({ itemId: w.itemQ, slideKey: `case-${w.quill}/title`, text: { question: 'Irradiate first?' } });
  const ravenNow = w.s.cases.get(w.raven);
  w.s.cases.update(
    w.raven,
    ravenNow.version,
    CaseInput.parse(caseInput({ patient: ravenNow.patient, workingDiagnosis: 'Liposarcoma, changed' })),
  );
}

describe('decks frozen at sign-off', () => {
  it('a finished meeting answers the frozen slides byte for byte after the record, key images and slides change', async () => {
    const w = await world();
    w.s.m.meetings.setStatus(w.meetingId, 'finished');

    const caseBefore = await w.call('deck:case', { itemId: w.itemQ });
    const meetingBefore = await w.call('deck:get', { meetingId: w.meetingId });
    expect(caseBefore.ok && meetingBefore.ok).toBe(true);
    if (!caseBefore.ok || !meetingBefore.ok) return;
    // Frozen right after sign-off: nothing differs yet, and the slides are the ones signed off (edited text too).
    expect(caseBefore.value.frozen).toMatchObject({ differsFromLive: false });
    expect(JSON.stringify(caseBefore.value.slides.map((s) => s.text))).toBe(
      JSON.stringify(w.signedLive.slides.map((s) => s.text)),
    );
    const srcs = imagesOf(caseBefore.value).map((i) => i.src);
    expect(srcs).toHaveLength(2);
    for (const src of srcs) expect(src).toMatch(/^\/media\/frozen\/\d+\/\d+\.png$/);

    changeTheRecord(w);

    const caseAfter = await w.call('deck:case', { itemId: w.itemQ });
    const meetingAfter = await w.call('deck:get', { meetingId: w.meetingId });
    if (!caseAfter.ok || !meetingAfter.ok) throw new Error('deck not answered');
    const { frozen: flagBefore, ...frozenBefore } = caseBefore.value;
    const { frozen: flagAfter, ...frozenAfter } = caseAfter.value;
    expect(JSON.stringify(frozenAfter)).toBe(JSON.stringify(frozenBefore));
    expect(flagAfter).toEqual({ at: flagBefore!.at, differsFromLive: true });
    // The frozen PNGs are the bytes that were on disk at sign-off, though one key image is gone.
    expect(srcs.map((src) => sha256(w.s.m.freeze.imageOfSrc(src)!))).toEqual(w.pngs.map(sha256));

    // The meeting deck: the signed-off case is frozen, the other follows the record.
    const qSection = (d: MeetingDeck) => d.sections.find((s) => s.itemId === w.itemQ)!;
    const slidesOf = (d: MeetingDeck, itemId: number) => {
      const sec = d.sections.find((s) => s.itemId === itemId)!;
      return d.slides.slice(sec.firstSlide, sec.firstSlide + sec.slideCount);
    };
    expect(JSON.stringify(slidesOf(meetingAfter.value, w.itemQ))).toBe(
      JSON.stringify(slidesOf(meetingBefore.value, w.itemQ)),
    );
    expect(qSection(meetingAfter.value).frozen?.differsFromLive).toBe(true);
    const ravenSection = meetingAfter.value.sections.find((s) => s.itemId === w.itemR)!;
    expect(ravenSection.frozen).toBeUndefined();
    expect(JSON.stringify(slidesOf(meetingAfter.value, w.itemR))).toContain('Liposarcoma, changed');
    const raven = await w.call('deck:case', { itemId: w.itemR });
    expect(raven.ok && raven.value.frozen).toBeUndefined();

    // The live slides are one flag away: the removed image is gone there, the new text is there.
    const live = await w.call('deck:case', { itemId: w.itemQ, live: true });
    if (!live.ok) throw new Error('live deck not answered');
    expect(imagesOf(live.value).map((i) => i.keyImageId)).toEqual([w.keyB]);
    expect(JSON.stringify(live.value)).toContain('Irradiate first?');
    expect(JSON.stringify(frozenAfter)).toContain('Excise now?');
    expect(JSON.stringify(frozenAfter)).not.toContain('Irradiate first?');
    expect(live.value.frozen?.differsFromLive).toBe(true);
    const liveMeeting = await w.call('deck:get', { meetingId: w.meetingId, live: true });
    expect(liveMeeting.ok && imagesOf(liveMeeting.value).map((i) => i.keyImageId)).toEqual([w.keyB]);

    // De-identified at read time, from the frozen slides.
    const deid = await w.call('deck:get', { meetingId: w.meetingId, deidentified: true });
    if (!deid.ok) throw new Error('de-identified deck not answered');
    expect(JSON.stringify(deid.value)).not.toMatch(/Quill|QUILL/);
    expect(imagesOf(deid.value).filter((i) => i.src.startsWith('/media/frozen/'))).toHaveLength(2);
  });

  it('serves a frozen PNG from the database at its frozen address, whatever became of the key image', async () => {
    const w = await world();
    w.s.m.meetings.setStatus(w.meetingId, 'finished');
    new KeyImagesService(w.s.db, w.s.dataDir).remove(w.keyA);
    const src = imagesOf(w.s.m.deck.caseDeck(w.itemQ)).find((i) => i.keyImageId === w.keyA)!.src;
    // Only the meetings services are needed for this route.
    const services = { meetings: w.s.m } as unknown as Services;
    const get = (p: string) => answerMedia(services, 'GET', new URL(`http://host${p}`), {} as RequestBody);
    const answer = await get(src);
    expect(answer && 'bytes' in answer && answer.contentType).toBe('image/png');
    expect(answer && 'bytes' in answer && sha256(answer.bytes)).toBe(sha256(w.pngs[0]));
    expect(await get(src.replace(/\d+\.png$/, '999999.png'))).toMatchObject({ status: 404 });
  });

  it('a meeting not finished yet shows the live slides', async () => {
    const w = await world();
    changeTheRecord(w);
    const deck = await w.call('deck:case', { itemId: w.itemQ });
    expect(deck.ok && deck.value.frozen).toBeUndefined();
    expect(deck.ok && imagesOf(deck.value).map((i) => i.keyImageId)).toEqual([w.keyB]);
  });

  it('the frozen rows can be neither changed nor deleted', async () => {
    const w = await world();
    const count = (table: string) => (w.s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('decision_snapshots')).toBe(1);
    expect(count('snapshot_images')).toBe(2);
    expect(() => w.s.db.prepare("UPDATE decision_snapshots SET deck_json = '{}'").run()).toThrow(/never changed/);
    expect(() => w.s.db.prepare('DELETE FROM decision_snapshots').run()).toThrow(/never deleted/);
    expect(() => w.s.db.prepare("UPDATE snapshot_images SET png = x'00'").run()).toThrow(/never changed/);
    expect(() => w.s.db.prepare('DELETE FROM snapshot_images').run()).toThrow(/never deleted/);
    const row = w.s.db.prepare('SELECT deck_json, deck_sha256 FROM decision_snapshots').get() as {
      deck_json: string;
      deck_sha256: string;
    };
    expect(createHash('sha256').update(row.deck_json).digest('hex')).toBe(row.deck_sha256);
  });

  it('a key image whose file is already gone at sign-off is frozen as missing, and sign-off still completes', async () => {
    const s = setup();
    const caseId = s.newCase({ patient: { familyName: 'Moth' } });
    insertKeyImages(s.db, caseId, 1); // its renders/0.png is never written
    const meetingId = s.newMeeting();
    const itemId = s.m.agenda.add(meetingId, [caseId]).items[0].id;
    s.m.decisions.save(itemId, 0, decision);
    expect(s.m.decisions.signOff(itemId, 1, CHAIR_SIGNER, NO_QUORUM).status).toBe('signed');
    s.m.meetings.setStatus(meetingId, 'finished');
    const images = imagesOf(s.m.deck.caseDeck(itemId));
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ missing: true });
    expect(s.m.freeze.imageOfSrc(images[0].src)).toBeNull();
  });

  it('a PPTX export of the finished meeting after the key image is removed still holds the frozen PNG', async () => {
    const w = await world();
    w.s.m.meetings.setStatus(w.meetingId, 'finished');
    new KeyImagesService(w.s.db, w.s.dataDir).remove(w.keyA);
    new KeyImagesService(w.s.db, w.s.dataDir).remove(w.keyB);
    const exports = new ExportsService({ db: w.s.db, dataDir: w.s.dataDir, meetings: w.s.m });
    const outcome = await exports.run({ kind: 'deck-pptx', meetingId: w.meetingId, deidentified: false });
    const z = unzipPptx(outcome.file);
    expect(slideParts(z).length).toBe(w.s.m.deck.meetingDeck(w.meetingId).slides.length);
    const media = z.names.filter((n) => /^ppt\/media\/.*\.png$/.test(n)).map((n) => sha256(z.bytes(n)));
    expect(media.sort()).toEqual(w.pngs.map((p) => sha256(stripPngMetadata(p))).sort());
    expect(readFileSync(outcome.file).length).toBeGreaterThan(0);
  });
});
