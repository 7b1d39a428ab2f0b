import type { MeetingDeck, Slide } from '../../shared/deck/model';

/**
 * What the slide master needs around a slide: where it sits in the deck, which case it belongs to (number and a
 * short patient label for the header) and the meeting it is shown at (footer). Derived from the deck alone, so the
 * screen, the presenter view, the audience window and the print view draw identical slides.
 */
export interface SlideFrame {
  /** 1-based position among the slides drawn, and how many there are. */
  number: number;
  total: number;
  meetingTitle: string;
  /** 'YYYY-MM-DDTHH:MM' */
  startsAt: string;
  deidentified: boolean;
  /** The case's agenda number, null on the agenda slide. */
  caseNumber: number | null;
  /** "HALVERSON, G. P." or "Case 3" (de-identified). */
  caseLabel: string | null;
  /** "63 M" */
  ageSex: string | null;
  /** Planned start of the case, 'YYYY-MM-DDTHH:MM'. */
  plannedStart: string | null;
}

// Dates through the one formatter module (shared/dates.ts), under the names the slides use.
/** "Thursday 10 December 2026", "Thu 10 Dec 2026", "10 Dec 2026" (months: "Sep 2026"). */
export { longDate, shortDate, dayMonthYear } from '../../shared/dates';
/** "13:00" */
export { clockTime as clock } from '../../shared/dates';

/** "HALVERSON, Graham Peter" -> "HALVERSON, G. P."; anything without a comma (e.g. "Case 3") stays as it is. */
export function shortPatientLabel(label: string): string {
  const i = label.indexOf(',');
  if (i < 0) return label;
  const initials = label
    .slice(i + 1)
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((g) => `${g.charAt(0).toUpperCase()}.`)
    .join(' ');
  return initials ? `${label.slice(0, i)}, ${initials}` : label.slice(0, i);
}

/** The frame of every slide of a meeting deck, in order (the deck's agenda slides give numbers and labels). */
export function framesOf(deck: MeetingDeck, slides: readonly Slide[] = deck.slides): SlideFrame[] {
  const rows = new Map(
    deck.slides.flatMap((s) => (s.kind === 'agenda' ? s.content.rows.map((r) => [r.itemId, r] as const) : [])),
  );
  const sections = new Map(deck.sections.map((s) => [s.itemId, s]));
  return slides.map((slide, i) => {
    const row = slide.itemId === null ? undefined : rows.get(slide.itemId);
    const section = slide.itemId === null ? undefined : sections.get(slide.itemId);
    const label = row?.label ?? section?.label ?? null;
    return {
      number: i + 1,
      total: slides.length,
      meetingTitle: deck.title,
      startsAt: deck.startsAt,
      deidentified: deck.deidentified,
      caseNumber: row?.number ?? section?.number ?? null,
      caseLabel: label === null ? null : shortPatientLabel(label),
      ageSex: row?.ageSex ?? null,
      plannedStart: row?.plannedStart ?? null,
    };
  });
}

/** The section (case) a slide index belongs to, or null for the agenda slide. */
export function sectionAt<S extends { firstSlide: number; slideCount: number }>(
  sections: readonly S[],
  index: number,
): S | null {
  return sections.find((s) => index >= s.firstSlide && index < s.firstSlide + s.slideCount) ?? null;
}
