import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseDeck, DeckImage, DeckSection, MeetingDeck, Slide } from '../../../shared/deck/model';
import type { Db } from '../../db/open';
import * as imagingSql from '../imaging/imaging-sql';
import { liveCaseDeck } from './deck-data';
import * as sql from './freeze-sql';

/**
 * Decisions as a record (issue 12, item 7): when a decision is signed off, the case's slides as the board saw them
 * (the case deck with its edited text and hidden slides, not de-identified) and every key-image PNG they show are
 * stored with the decision, in the same transaction. A finished meeting's deck answers the frozen slides, so later
 * changes to the record, key images or slide edits do not rewrite what the board saw; the live slides stay one
 * request away (`live: true`) and the frozen case says whether they differ.
 *
 * In a frozen deck each image's `src` is /media/frozen/<decisionId>/<keyImageId>.png, and the PNG is stored under
 * the name '<keyImageId>.png' in snapshot_images: the media route, the PPTX export and the PDF print view all read it
 * from there, never from the key image's render file (which may since be gone or replaced).
 */

export const FROZEN_PREFIX = '/media/frozen/';
export const frozenSrc = (decisionId: number, name: string) => `${FROZEN_PREFIX}${decisionId}/${name}`;
const FROZEN_SRC = /^\/media\/frozen\/(\d+)\/(\d+\.png)$/;

/** The decision and image name of a frozen image's src; null for any other src. */
export function parseFrozenSrc(src: string): { decisionId: number; name: string } | null {
  const m = FROZEN_SRC.exec(src);
  return m ? { decisionId: Number(m[1]), name: m[2] } : null;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const isPng = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));

interface Prepared {
  deck: CaseDeck;
  json: string;
  /** name -> PNG, for the images found on disk. */
  images: Map<string, Buffer>;
}

interface Frozen {
  decisionId: number;
  at: string;
  json: string;
  deck: CaseDeck;
}

export class FreezeService {
  constructor(
    private readonly db: Db,
    /** The data folder: key images' render_path is relative to it. */
    private readonly dataDir: string,
  ) {}

  /**
   * Freezes the item's slides with its decision. Called inside DecisionsService.signOff's write transaction, so the
   * decision is never signed off without its frozen deck (any error rolls both back). A key image whose PNG is not
   * on disk is frozen as missing: the slide says so rather than the sign-off failing.
   */
  freezeAtSignOff(itemId: number, decisionId: number, at: string): void {
    const prepared = this.prepare(liveCaseDeck(this.db, itemId), decisionId);
    sql.insertSnapshot(this.db, {
      decision_id: decisionId,
      frozen_at: at,
      deck_json: prepared.json,
      deck_sha256: sha256(prepared.json),
    });
    for (const [name, png] of prepared.images) {
      sql.insertSnapshotImage(this.db, { decision_id: decisionId, name, png, sha256: sha256(png) });
    }
  }

  /** The frozen PNG behind a frozen src (the media route and the exports); null when there is none. */
  image(decisionId: number, name: string): Buffer | null {
    return sql.snapshotImage(this.db, decisionId, name)?.png ?? null;
  }

  /** The frozen PNG for a frozen deck's image src; null for any other src. */
  imageOfSrc(src: string): Buffer | null {
    const ref = parseFrozenSrc(src);
    return ref ? this.image(ref.decisionId, ref.name) : null;
  }

  /**
   * One item's deck for a finished meeting: the frozen slides (or the live ones with `live`), flagged with when they
   * were frozen and whether the live slides differ. `live` is the live deck, built by the caller.
   */
  caseDeck(live: CaseDeck, itemId: number, options: { live?: boolean } = {}): CaseDeck {
    const frozen = this.frozenOf([itemId]).get(itemId);
    if (!frozen) return live;
    const info = { at: frozen.at, differsFromLive: this.differs(frozen, live) };
    return { ...(options.live ? live : frozen.deck), frozen: info };
  }

  /**
   * A finished meeting's deck: each case with a frozen deck gets its frozen slides (unless `live`) and its
   * `frozen` flag; the agenda slide and cases never signed off (not discussed, deferred without sign-off) stay live.
   * `live` is the live deck (not de-identified), hidden slides included when `includeHidden`.
   */
  meetingDeck(live: MeetingDeck, options: { live?: boolean; includeHidden?: boolean } = {}): MeetingDeck {
    const frozenByItem = this.frozenOf(live.sections.map((s) => s.itemId));
    if (frozenByItem.size === 0) return live;
    const slides: Slide[] = live.slides.slice(0, live.sections[0]?.firstSlide ?? live.slides.length);
    const sections: DeckSection[] = [];
    for (const section of live.sections) {
      const liveSlides = live.slides.slice(section.firstSlide, section.firstSlide + section.slideCount);
      const frozen = frozenByItem.get(section.itemId);
      if (!frozen) {
        sections.push({ ...section, firstSlide: slides.length });
        slides.push(...liveSlides);
        continue;
      }
      // The comparison needs the whole live case deck (hidden slides too), whatever this deck shows.
      const info = { at: frozen.at, differsFromLive: this.differs(frozen, liveCaseDeck(this.db, section.itemId)) };
      const shown = options.live ? liveSlides : frozen.deck.slides.filter((s) => options.includeHidden || !s.hidden);
      sections.push({
        ...section,
        label: options.live ? section.label : frozen.deck.label,
        identifiers: options.live ? section.identifiers : frozen.deck.identifiers,
        firstSlide: slides.length,
        slideCount: shown.length,
        frozen: info,
      });
      slides.push(...shown);
    }
    return { ...live, slides, sections };
  }

  private frozenOf(itemIds: readonly number[]): Map<number, Frozen> {
    return new Map(
      sql
        .snapshotsOfItems(this.db, itemIds)
        .map((r) => [
          r.item_id,
          { decisionId: r.decision_id, at: r.frozen_at, json: r.deck_json, deck: JSON.parse(r.deck_json) as CaseDeck },
        ]),
    );
  }

  /**
   * True when the live slides are not what was frozen: the live deck normalised as sign-off would freeze it now
   * (same image references) differs as JSON, or an image's current render differs (by sha256) from the frozen PNG.
   */
  private differs(frozen: Frozen, live: CaseDeck): boolean {
    const now = this.prepare(live, frozen.decisionId);
    if (now.json !== frozen.json) return true;
    const stored = sql.snapshotImageHashes(this.db, frozen.decisionId);
    if (stored.length !== now.images.size) return true;
    return stored.some((s) => {
      const png = now.images.get(s.name);
      return !png || sha256(png) !== s.sha256;
    });
  }

  /** The deck as it is frozen: image srcs pointing at the frozen PNGs, images whose file is gone marked missing. */
  private prepare(live: CaseDeck, decisionId: number): Prepared {
    const images = new Map<string, Buffer>();
    const freeze = (img: DeckImage): DeckImage => {
      const name = `${img.keyImageId}.png`;
      const png = images.get(name) ?? this.renderOf(img.keyImageId);
      if (png) images.set(name, png);
      return png
        ? { ...img, src: frozenSrc(decisionId, name) }
        : { ...img, src: frozenSrc(decisionId, name), missing: true };
    };
    const slides = live.slides.map((slide): Slide => {
      if (slide.kind === 'response') {
        // The Response slide's baseline and current key images are frozen like the imaging slides'.
        const c = slide.content;
        return {
          ...slide,
          content: {
            ...c,
            baseline: { ...c.baseline, images: c.baseline.images.map(freeze) },
            current: { ...c.current, images: c.current.images.map(freeze) },
          },
        };
      }
      if (slide.kind !== 'imaging') return slide;
      return { ...slide, content: { ...slide.content, images: slide.content.images.map(freeze) } };
    });
    const deck: CaseDeck = { ...live, slides };
    return { deck, json: JSON.stringify(deck), images };
  }

  /** The key image's burned-in PNG from the data folder; null when its row or file is gone or is not a PNG. */
  private renderOf(keyImageId: number): Buffer | null {
    const row = imagingSql.getKeyImage(this.db, keyImageId);
    if (!row) return null;
    const root = path.resolve(this.dataDir);
    const file = path.resolve(root, row.render_path);
    if (!file.startsWith(root + path.sep)) return null;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      // Gone: frozen as missing. Any other failure (permissions, I/O) must not pass for "missing": it fails sign-off.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return isPng(bytes) ? bytes : null;
  }
}
