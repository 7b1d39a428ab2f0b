import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import {
  findHistotype,
  HISTOTYPE_FAMILY_LABEL,
  searchHistotypes,
  type Histotype,
} from '../../../shared/clinical/histotypes';

interface HistotypePickerProps {
  /** The text in the box. */
  query: string;
  /** The chosen catalogue entry, or null (free text or nothing yet). */
  histotypeId: string | null;
  onChange: (next: { query: string; histotypeId: string | null }) => void;
  onBlur?: () => void;
  error?: string;
}

const LIMIT = 8;

/**
 * Type-ahead over the WHO catalogue (searchHistotypes: names, abbreviations, ICD-O-3 codes). Choosing an entry
 * codes the report; text that matches no choice is kept as free text and flagged "not coded".
 */
export function HistotypePicker({ query, histotypeId, onChange, onBlur, error }: HistotypePickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const messageId = `${id}-message`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const chosen = findHistotype(histotypeId);
  const matches = useMemo(() => searchHistotypes(query).slice(0, LIMIT), [query]);
  const showList = open && !chosen && query.trim() !== '';

  function choose(h: Histotype) {
    onChange({ query: h.name, histotypeId: h.id });
    setOpen(false);
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && showList && matches[active]) {
      e.preventDefault();
      choose(matches[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  }

  return (
    <div className={`field field--wide histotype${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>Histologic type (WHO classification)</label>
      <div className="histotype__box">
        <input
          id={id}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && matches[active] ? `${listId}-${active}` : undefined}
          aria-invalid={Boolean(error)}
          aria-describedby={messageId}
          autoComplete="off"
          placeholder="Type a name, abbreviation or ICD-O-3 code: leiomyosarcoma, DDLPS, 8858/3"
          value={query}
          onChange={(e) => {
            onChange({ query: e.target.value, histotypeId: null });
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            onBlur?.();
          }}
          onKeyDown={onKey}
        />
        {(query || chosen) && (
          <button
            type="button"
            className="histotype__clear"
            aria-label="Clear the histologic type"
            onClick={() => onChange({ query: '', histotypeId: null })}
          >
            ×
          </button>
        )}
        {showList && (
          <ul className="histotype__list" id={listId} role="listbox" aria-label="WHO histotypes">
            {matches.map((h, i) => (
              <li
                key={h.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`histotype__option${i === active ? ' histotype__option--active' : ''}`}
                // mousedown, not click: the input's blur would close the list before the click lands.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(h);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="histotype__name">{h.name}</span>
                <span className="histotype__code">{h.icdO3}</span>
                <span className="histotype__family">{HISTOTYPE_FAMILY_LABEL[h.family]}</span>
              </li>
            ))}
            <li className="histotype__free" role="option" aria-selected={false} aria-disabled="true">
              {matches.length
                ? 'Not in the list? Keep typing: free text is saved, flagged as not coded.'
                : `No catalogue match: "${query.trim()}" will be saved as free text, not coded.`}
            </li>
          </ul>
        )}
      </div>
      <div id={messageId} className="histotype__status">
        {error ? (
          <span className="field__error" role="alert">
            {error}
          </span>
        ) : chosen ? (
          <>
            <span className="code-chip">ICD-O-3 {chosen.icdO3}</span>
            <span className="muted small">
              {HISTOTYPE_FAMILY_LABEL[chosen.family]} · WHO catalogue
              {chosen.differentiationScore
                ? ` · differentiation score ${chosen.differentiationScore} (PDQ Table 4)`
                : ' · not in PDQ Table 4: enter the differentiation score'}
            </span>
          </>
        ) : query.trim() ? (
          <>
            <span className="flag-chip">Not coded</span>
            <span className="muted small">
              Free text: choose a catalogue entry to code it, or keep it as the report words it.
            </span>
          </>
        ) : (
          <span className="muted small">Not stated yet.</span>
        )}
      </div>
    </div>
  );
}
