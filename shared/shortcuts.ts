/**
 * The keyboard shortcuts the renderer has, in one list: the desktop menu shows their accelerators (electron/shell/menu.ts)
 * and the `?` dialog lists them (renderer/features/help/ShortcutsDialog.tsx). The handlers themselves stay where
 * the keys are used (App.tsx, the viewer, the agenda, deck-keys.ts); keep this list in step with them.
 */

export type ShortcutArea = 'Anywhere' | 'Image viewer' | 'Agenda' | 'Presenter and audience';

/** 'Mod' is Ctrl, or Cmd on macOS. */
export interface Shortcut {
  id: string;
  area: ShortcutArea;
  /** Alternatives, each a key combination such as ['Mod', 'N'] or ['?']. */
  keys: string[][];
  description: string;
  /** The Electron accelerator shown in the menu, for shortcuts that have a menu item. */
  accelerator?: string;
  /** The browser keeps this key for itself (Ctrl+N opens a browser window): not advertised in the web host. */
  browserReserved?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'new-case',
    area: 'Anywhere',
    keys: [['Mod', 'N']],
    description: 'New case',
    accelerator: 'CmdOrCtrl+N',
    browserReserved: true,
  },
  {
    id: 'search',
    area: 'Anywhere',
    keys: [['Mod', 'K'], ['/']],
    description: 'Search cases',
    accelerator: 'CmdOrCtrl+K',
  },
  { id: 'shortcuts', area: 'Anywhere', keys: [['?']], description: 'Show keyboard shortcuts', accelerator: '?' },
  {
    id: 'viewer-step',
    area: 'Image viewer',
    keys: [['↓'], ['→'], ['↑'], ['←']],
    description: 'Next or previous image of the series',
  },
  { id: 'viewer-jump', area: 'Image viewer', keys: [['Page Down'], ['Page Up']], description: 'Ten images on or back' },
  { id: 'viewer-ends', area: 'Image viewer', keys: [['Home'], ['End']], description: 'First or last image' },
  {
    id: 'viewer-delete',
    area: 'Image viewer',
    keys: [['Delete'], ['Backspace']],
    description: 'Delete the measurement under the pointer',
  },
  {
    id: 'agenda-move',
    area: 'Agenda',
    keys: [
      ['Alt', '↑'],
      ['Alt', '↓'],
    ],
    description: 'Move the focused case up or down the agenda',
  },
  {
    id: 'deck-next',
    area: 'Presenter and audience',
    keys: [['→'], ['↓'], ['Space'], ['Page Down'], ['N']],
    description: 'Next slide',
  },
  {
    id: 'deck-previous',
    area: 'Presenter and audience',
    keys: [['←'], ['↑'], ['Page Up'], ['Backspace'], ['P']],
    description: 'Previous slide',
  },
  { id: 'deck-ends', area: 'Presenter and audience', keys: [['Home'], ['End']], description: 'First or last slide' },
  {
    id: 'deck-case',
    area: 'Presenter and audience',
    keys: [['case number', 'Enter']],
    description: 'Type a case number, then Enter, to jump to that case',
  },
  {
    id: 'deck-slides-only',
    area: 'Presenter and audience',
    keys: [['F']],
    description: 'Slides only (presenter), full screen (audience)',
  },
  {
    id: 'deck-decision',
    area: 'Presenter and audience',
    keys: [['D']],
    description: 'Switch between notes and the decision form (presenter)',
  },
  { id: 'deck-leave', area: 'Presenter and audience', keys: [['Esc']], description: 'Leave the presentation' },
];

export type ShortcutHost = 'desktop' | 'web';

/** The shortcuts to advertise in a host: the web host leaves out those the browser keeps for itself. */
export function shortcutsFor(host: ShortcutHost): Shortcut[] {
  return SHORTCUTS.filter((s) => host === 'desktop' || !s.browserReserved);
}

export function shortcut(id: string): Shortcut {
  const found = SHORTCUTS.find((s) => s.id === id);
  if (!found) throw new Error(`No shortcut "${id}"`);
  return found;
}

/** One key combination as shown to the user: Ctrl+N, or ⌘N on macOS. */
export function formatKeys(keys: readonly string[], mac: boolean): string {
  const shown = keys.map((k) => (k === 'Mod' ? (mac ? '⌘' : 'Ctrl') : k === 'Alt' && mac ? '⌥' : k));
  return mac && (keys[0] === 'Mod' || keys[0] === 'Alt') ? shown.join('') : shown.join('+');
}

/** A shortcut's keys as shown in a host ("Ctrl+K or /"), or null where it is not advertised. */
export function shortcutKeys(id: string, host: ShortcutHost, mac: boolean): string | null {
  const s = shortcut(id);
  if (host === 'web' && s.browserReserved) return null;
  return s.keys.map((k) => formatKeys(k, mac)).join(' or ');
}

/** The text of a button's tooltip: "New case (Ctrl+N)", or just "New case" where the key is not advertised. */
export function withShortcut(label: string, id: string, host: ShortcutHost, mac: boolean): string {
  const keys = shortcutKeys(id, host, mac);
  return keys ? `${label} (${keys})` : label;
}
