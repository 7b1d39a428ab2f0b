import { buildMeetingDeck } from '../../../shared/deck/build';
import { deidentify, deidentifyCaseDeck } from '../../../shared/deck/deidentify';
import { NOTES_FIELD, type CaseDeck, type MeetingDeck, type SlideEdit } from '../../../shared/deck/model';
import { DomainError } from '../errors';
import { liveCaseDeck, loadMeetingDeckData } from './deck-data';
import type { FreezeService } from './freeze-service';
import * as sql from './meetings-sql';
import { assertItem, type MeetingsContext } from './views';
import { writeTransaction } from '../../db/transaction';

export interface SlideEditInput {
  itemId: number;
  slideKey: string;
  hidden?: boolean;
  /** The slide's new place among the case's slides (0 = first). */
  position?: number;
  /** Text fields to set ('title' or a key of the slide's `text`); null goes back to the record's text. */
  text?: Record<string, string | null>;
}

/** The decks of a meeting (built by shared/deck from the record on every call) and the presenter's slide edits. */
export class DeckService {
  constructor(
    private readonly ctx: MeetingsContext,
    private readonly freeze: FreezeService,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /**
   * The meeting deck: agenda slide, then each case's visible slides (hidden ones too with includeHidden). Once the
   * meeting is finished, a case signed off shows the slides frozen at sign-off unless `live` (freeze-service.ts).
   * De-identification is applied last, to the frozen slides as to the live ones.
   */
  meetingDeck(
    meetingId: number,
    options: { deidentified?: boolean; includeHidden?: boolean; live?: boolean } = {},
  ): MeetingDeck {
    const { meeting, items } = loadMeetingDeckData(this.db, meetingId);
    const live = buildMeetingDeck(meeting, items, { includeHidden: options.includeHidden });
    const deck =
      meeting.status === 'finished'
        ? this.freeze.meetingDeck(live, { live: options.live, includeHidden: options.includeHidden })
        : live;
    return options.deidentified ? deidentify(deck) : deck;
  }

  /** One agenda item's slides, hidden ones included (flagged): the slide editor. Frozen as meetingDeck says. */
  caseDeck(itemId: number, options: { deidentified?: boolean; live?: boolean } = {}): CaseDeck {
    const live = liveCaseDeck(this.db, itemId);
    const meeting = sql.getMeeting(this.db, assertItem(this.db, itemId).meeting_id);
    const deck = meeting?.status === 'finished' ? this.freeze.caseDeck(live, itemId, { live: options.live }) : live;
    return options.deidentified ? deidentifyCaseDeck(deck) : deck;
  }

  /**
   * Hides or shows a slide, moves it, or edits its text. An edited text stays as typed whatever the record later
   * says; setting a field back to null (or to the record's own text) returns it to the record.
   */
  editSlide(input: SlideEditInput): CaseDeck {
    writeTransaction(this.db, () => {
      // Edits apply to the live slides (a frozen deck never changes).
      const deck = liveCaseDeck(this.db, input.itemId);
      const slide = deck.slides.find((s) => s.key === input.slideKey);
      if (!slide) throw new DomainError('not-found', `This case has no slide "${input.slideKey}"`, 'slideKey');
      const stored = sql.editsOfItems(this.db, [input.itemId]).find((e) => e.slide_key === input.slideKey);
      const text: Record<string, string> = stored ? (JSON.parse(stored.text_json) as Record<string, string>) : {};
      for (const [field, value] of Object.entries(input.text ?? {})) {
        if (field === NOTES_FIELD) {
          // The speaker notes, on any slide of the case: kept as typed, or back to the record's when emptied.
          const recordNotes = slide.recordText[NOTES_FIELD] ?? slide.notes;
          if (value === null || value.trim() === '' || value === recordNotes) delete text[field];
          else text[field] = value;
          continue;
        }
        if (!slide.editable.includes(field)) {
          throw new DomainError(
            'invalid-input',
            `"${field}" is not an editable text of this slide (${slide.editable.join(', ')})`,
            `text.${field}`,
          );
        }
        const recordValue =
          field === 'title' ? (slide.recordText.title ?? slide.title) : (slide.recordText[field] ?? slide.text[field]);
        if (value === null || value === recordValue) delete text[field];
        else text[field] = value;
      }
      const now = this.ctx.now();
      const current: SlideEdit = {
        slideKey: slide.key,
        hidden: input.hidden ?? slide.hidden,
        position: stored?.position ?? null,
        text,
      };

      if (input.position !== undefined) {
        if (input.position >= deck.slides.length) {
          throw new DomainError(
            'invalid-input',
            `Position ${input.position} is past the last slide (this case has ${deck.slides.length})`,
            'position',
          );
        }
        // Every slide of the item gets its place, so later additions (a new imaging slide) slot in after their
        // neighbour from the record rather than jumping ahead.
        const order = deck.slides.map((s) => s.key).filter((k) => k !== slide.key);
        order.splice(input.position, 0, slide.key);
        const edits = new Map(sql.editsOfItems(this.db, [input.itemId]).map((e) => [e.slide_key, e]));
        order.forEach((key, position) => {
          if (key === slide.key) return;
          const e = edits.get(key);
          sql.upsertEdit(this.db, {
            item_id: input.itemId,
            slide_key: key,
            hidden: e?.hidden ?? 0,
            position,
            text_json: e?.text_json ?? '{}',
            updated_at: e?.updated_at ?? now,
          });
        });
        current.position = input.position;
      }
      this.store(input.itemId, current, now);
    });
    return this.caseDeck(input.itemId);
  }

  /** Back to the record: the slide's edits (hidden, position, text) are dropped. */
  resetSlide(itemId: number, slideKey: string): CaseDeck {
    assertItem(this.db, itemId);
    sql.deleteEdit(this.db, itemId, slideKey);
    return this.caseDeck(itemId);
  }

  private store(itemId: number, e: SlideEdit, now: string): void {
    if (!e.hidden && e.position === null && Object.keys(e.text).length === 0) {
      sql.deleteEdit(this.db, itemId, e.slideKey);
      return;
    }
    sql.upsertEdit(this.db, {
      item_id: itemId,
      slide_key: e.slideKey,
      hidden: e.hidden ? 1 : 0,
      position: e.position,
      text_json: JSON.stringify(e.text),
      updated_at: now,
    });
  }
}
