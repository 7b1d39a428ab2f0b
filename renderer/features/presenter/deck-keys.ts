import { useEffect, useRef, useState } from 'react';
import type { DeckSection } from '../../../shared/deck/model';

export interface DeckKeysOptions {
  count: number;
  sections: readonly DeckSection[];
  index: number;
  go: (index: number) => void;
  /** Esc with nothing typed: leave (or step back out of the slides-only view). */
  onEscape: () => void;
  /** Other single-key commands (e.g. F for slides only); return true when handled. */
  onKey?: (key: string) => boolean;
  /** Off while a dialog or form needs the keys. */
  enabled?: boolean;
}

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar', 'n', 'N']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace', 'p', 'P']);

/**
 * Why a typed case number goes nowhere: no such case (with the numbers there are, so a slip is seen at once), or
 * every slide of that case hidden. Empty when the jump can be made.
 */
export function caseJumpMessage(n: number, sections: readonly Pick<DeckSection, 'number' | 'slideCount'>[]): string {
  const section = sections.find((x) => x.number === n);
  if (section) return section.slideCount === 0 ? `Case ${n} has every slide hidden` : '';
  if (sections.length === 0) return `There is no case ${n}: this agenda has no cases`;
  const numbers = sections.map((x) => x.number);
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  const range = low === high ? `${low}` : `${low}–${high}`;
  return `There is no case ${n} on this agenda (${range})`;
}

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)
  );
}
const isControl = (target: EventTarget | null) =>
  target instanceof HTMLElement && /^(BUTTON|A|SUMMARY)$/.test(target.tagName);

/**
 * The presenter's keys, the same in the presenter view and the audience window: Right/Down/Space/Page Down/N next,
 * Left/Up/Page Up/Backspace/P back, Home first, End last, a case number then Enter jumps to that case, Esc leaves.
 * Keys typed into a form field are left alone. Returns the case number being typed and any message to show.
 */
export function useDeckKeys({ count, sections, index, go, onEscape, onKey, enabled = true }: DeckKeysOptions): {
  typed: string;
  message: string;
} {
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState('');
  const state = useRef({ count, sections, index, go, onEscape, onKey, typed });
  state.current = { count, sections, index, go, onEscape, onKey, typed };

  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(''), 4000);
    return () => clearTimeout(t);
  }, [message]);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      // Esc in a form field gives the keys back to the slides; any other key there is typing.
      if (typingIn(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      const s = state.current;
      const last = Math.max(0, s.count - 1);
      const handled = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (/^[0-9]$/.test(e.key)) return handled(() => setTyped((t) => (t + e.key).slice(-3)));
      if (e.key === 'Enter' && s.typed) {
        return handled(() => {
          const n = Number(s.typed);
          setTyped('');
          const section = s.sections.find((x) => x.number === n);
          if (section && section.slideCount > 0) s.go(section.firstSlide);
          else setMessage(caseJumpMessage(n, s.sections));
        });
      }
      if (e.key === 'Escape') return handled(() => (s.typed ? setTyped('') : s.onEscape()));
      if (e.key === 'Backspace' && s.typed) return handled(() => setTyped((t) => t.slice(0, -1)));
      // Space and Enter on a focused button or link press it, as everywhere else.
      if ((e.key === ' ' || e.key === 'Enter') && isControl(e.target)) return;
      if (NEXT.has(e.key) || (e.key === 'Enter' && !s.typed)) return handled(() => s.go(Math.min(last, s.index + 1)));
      if (PREV.has(e.key)) return handled(() => s.go(Math.max(0, s.index - 1)));
      if (e.key === 'Home') return handled(() => s.go(0));
      if (e.key === 'End') return handled(() => s.go(last));
      if (s.onKey?.(e.key)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);

  return { typed, message };
}
