import { describe, expect, it } from 'vitest';
import { formatKeys, SHORTCUTS, shortcutKeys, shortcutsFor, withShortcut } from '../../../shared/shortcuts';
import { keyToIndex } from '../../../renderer/viewer/slice-navigation';

describe('keyboard shortcuts', () => {
  it('are shown as the platform writes them', () => {
    expect(formatKeys(['Mod', 'N'], false)).toBe('Ctrl+N');
    expect(formatKeys(['Mod', 'N'], true)).toBe('⌘N');
    expect(formatKeys(['Alt', '↑'], true)).toBe('⌥↑');
    expect(formatKeys(['?'], false)).toBe('?');
    expect(shortcutKeys('search', 'desktop', false)).toBe('Ctrl+K or /');
  });

  it('the web host does not advertise what the browser keeps for itself (Ctrl+N)', () => {
    expect(shortcutsFor('desktop').map((s) => s.id)).toContain('new-case');
    expect(shortcutsFor('web').map((s) => s.id)).not.toContain('new-case');
    expect(withShortcut('New case', 'new-case', 'web', false)).toBe('New case');
    expect(withShortcut('New case', 'new-case', 'desktop', false)).toBe('New case (Ctrl+N)');
  });

  it('have unique ids and every area listed; the viewer keys are the ones the viewer handles', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    const arrows: Record<string, string> = {
      '↓': 'ArrowDown',
      '→': 'ArrowRight',
      '↑': 'ArrowUp',
      '←': 'ArrowLeft',
      'Page Down': 'PageDown',
      'Page Up': 'PageUp',
    };
    for (const s of SHORTCUTS.filter((x) => x.id.startsWith('viewer-') && x.id !== 'viewer-delete')) {
      for (const [key] of s.keys) expect(keyToIndex(arrows[key] ?? key, 5, 20), `${s.id} ${key}`).toBeDefined();
    }
  });
});
