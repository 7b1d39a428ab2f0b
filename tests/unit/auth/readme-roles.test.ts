import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RIGHTS, ROLE_LABELS, ROLE_RIGHTS, ROLES } from '../../../shared/auth/roles';
import { rolesTable, rolesTableCells } from '../../../scripts/roles-table';

/**
 * Issue 12 item 1: each role's rights are listed in the README. The table under "## Users and roles" must be the
 * one scripts/roles-table.ts generates from ROLE_RIGHTS (cell by cell, whatever the padding), so changing a role's
 * rights without the README fails here. Regenerate with `npx tsx scripts/roles-table.ts`.
 */
const README = path.resolve(import.meta.dirname, '..', '..', '..', 'README.md');

/** The section's lines, from its heading to the next heading of the same level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The first Markdown table's rows as trimmed cells, without its |---| rule. */
function tableCells(lines: string[]): string[][] {
  const first = lines.findIndex((l) => l.trim().startsWith('|'));
  if (first < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.trim().startsWith('|')) break;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push(cells);
  }
  return rows;
}

describe('the README lists each role’s rights', () => {
  it('the generated table is ROLE_RIGHTS, right by right and role by role', () => {
    const [header, ...rows] = rolesTableCells();
    expect(header).toEqual(['Right', 'What it allows', ...ROLES.map((r) => ROLE_LABELS[r])]);
    expect(rows.map((r) => r[0])).toEqual(RIGHTS.map((right) => `\`${right}\``));
    for (const [i, role] of ROLES.entries()) {
      const granted = rows.filter((r) => r[2 + i] === '✓').map((r) => r[0].replace(/`/g, ''));
      expect(granted, role).toEqual(RIGHTS.filter((right) => ROLE_RIGHTS[role].includes(right)));
    }
    expect(tableCells(rolesTable().split('\n'))).toEqual(rolesTableCells());
  });

  it('README.md has the section "## Users and roles" with exactly that table', () => {
    const lines = section(readFileSync(README, 'utf8'), '## Users and roles');
    expect(lines.length, 'README.md has no "## Users and roles" section').toBeGreaterThan(0);
    expect(tableCells(lines)).toEqual(rolesTableCells());
  });
});
