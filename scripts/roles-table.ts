/**
 * The README's table of each role's rights (section "## Users and roles"), generated from shared/auth/roles.ts so
 * the documentation cannot drift from what the dispatcher enforces: `npx tsx scripts/roles-table.ts` prints it,
 * and tests/unit/auth/readme-roles.test.ts checks that the README holds exactly this table.
 */
import { pathToFileURL } from 'node:url';
import { hasRight, RIGHT_LABELS, RIGHTS, ROLE_LABELS, ROLES } from '../shared/auth/roles';

/** The header and one row per right (in RIGHTS order), one column per role (in ROLES order): ✓ where it has it. */
export function rolesTableCells(): string[][] {
  const header = ['Right', 'What it allows', ...ROLES.map((role) => ROLE_LABELS[role])];
  const rows = RIGHTS.map((right) => [
    `\`${right}\``,
    RIGHT_LABELS[right],
    ...ROLES.map((role) => (hasRight(role, right) ? '✓' : '')),
  ]);
  return [header, ...rows];
}

/** The table as Markdown, ready to paste. */
export function rolesTable(): string {
  const [header, ...rows] = rolesTableCells();
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`.replace(/ {2}/g, ' ');
  const rule = header.map((_, i) => (i < 2 ? '---' : ':-:'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(rolesTable());
