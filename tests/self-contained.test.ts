import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands on its own: a fresh clone with nothing beside it runs the tests, the benchmarks, the demo
 * and the docs. So no tracked file may name a path above the repository root: a relative path climbing out of it
 * (from the file's folder), a path.resolve/join that resolves outside it, or the folders that used to sit beside
 * the checkout (the DICOM data, the clinical reference, the demo's seed documents).
 */
const root = path.resolve(import.meta.dirname, '..');

/** Names of things that live outside the repository; the patterns are written so they do not match themselves. */
const OUTSIDE_NAMES: { pattern: RegExp; what: string }[] = [
  { pattern: /shared[/\\]+data|'shared',\s*'data'/, what: 'the DICOM data folder beside the checkout' },
  { pattern: /sarcoma[-_]reference/, what: 'the clinical reference beside the checkout (cite docs/clinical-rules.md)' },
  { pattern: /shared[/\\]+seeds|'shared',\s*'seeds'/, what: "the demo's seed documents beside the checkout" },
  { pattern: /\/work\/(?:shared|main|wt)\b/, what: "an absolute path on the developer's machine" },
];

/** Where code under a folder runs from once built: import.meta there is the bundle's, not the source file's. */
const BUNDLED: [string, string][] = [
  ['electron/', 'out/main'],
  ['renderer/', 'out/renderer'],
];

export interface Finding {
  file: string;
  line: number;
  why: string;
}

const inside = (p: string) => p === root || p.startsWith(root + path.sep);

/** The folder `import.meta.dirname` means in a file, at run time. */
function runtimeDir(file: string): string {
  const bundle = BUNDLED.find(([prefix]) => file.startsWith(prefix));
  return path.join(root, bundle ? bundle[1] : path.dirname(file));
}

/** The arguments of a call whose '(' is at `open`, split at top-level commas, or null when the call is unclosed. */
function callArgs(text: string, open: number): string[] | null {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return null;
}

const literal = (arg: string) => /^(['"`])([^'"`$]*)\1$/.exec(arg)?.[2] ?? null;

/**
 * Every path.resolve/path.join whose start is known (import.meta, __dirname, or a variable this file set from such a
 * call earlier) and that climbs above the root with its literal segments. Variables are followed in file order.
 */
function escapingPathCalls(file: string, lines: string[]): Finding[] {
  const known = new Map<string, string>();
  const base = (arg: string): string | null => {
    if (/^(?:import\.meta\.dirname|__dirname|path\.dirname\(fileURLToPath\(import\.meta\.url\)\))$/.test(arg))
      return runtimeDir(file);
    return known.get(arg) ?? null;
  };
  const out: Finding[] = [];
  lines.forEach((text, i) => {
    const dirAssign =
      /\b(?:const|let|var)\s+(\w+)\s*=\s*(import\.meta\.dirname|path\.dirname\(fileURLToPath\(import\.meta\.url\)\))/.exec(
        text,
      );
    if (dirAssign) known.set(dirAssign[1], runtimeDir(file));
    for (const m of text.matchAll(/\bpath\.(resolve|join)\(/g)) {
      const args = callArgs(text, m.index + m[0].length - 1);
      if (!args || args.length < 2) continue;
      const from = base(args[0]);
      if (!from) continue;
      const segments: string[] = [];
      for (const arg of args.slice(1)) {
        const seg = literal(arg);
        if (seg === null) break;
        segments.push(seg);
      }
      // Climbing out and back in still depends on the folder around the checkout: check every prefix.
      let at = from;
      for (const seg of segments) {
        at = path.resolve(at, seg);
        if (!inside(at)) {
          out.push({ file, line: i + 1, why: `path.${m[1]}(${args.join(', ')}) resolves outside the repository` });
          break;
        }
      }
      const assigned = new RegExp(`\\b(?:const|let|var)\\s+(\\w+)\\s*=\\s*${m[0].replace(/[.()]/g, '\\$&')}`).exec(
        text,
      );
      if (assigned && segments.length === args.length - 1) known.set(assigned[1], at);
    }
  });
  return out;
}

/** Relative paths written out ("../../x") that climb above the root from the file's own folder. */
function escapingRelativePaths(file: string, lines: string[]): Finding[] {
  const dir = path.join(root, path.dirname(file));
  const out: Finding[] = [];
  lines.forEach((text, i) => {
    for (const m of text.matchAll(/(?<![\w.])((?:\.\.[/\\])+)/g)) {
      const to = path.resolve(dir, m[1]);
      if (!inside(to))
        out.push({ file, line: i + 1, why: `"${m[1]}" climbs out of the repository from ${path.dirname(file)}` });
    }
  });
  return out;
}

/** Everything in one file's text that names a path outside the repository. */
export function outsideReferences(file: string, text: string): Finding[] {
  const lines = text.split(/\r?\n/);
  const named = lines.flatMap((line, i) =>
    OUTSIDE_NAMES.filter((n) => n.pattern.test(line)).map((n) => ({ file, line: i + 1, why: `names ${n.what}` })),
  );
  return [...named, ...escapingRelativePaths(file, lines), ...escapingPathCalls(file, lines)];
}

/** This file, which holds examples of what it looks for. */
const SELF = path.relative(root, import.meta.filename);

const isFile = (p: string) => lstatSync(p, { throwIfNoEntry: false })?.isFile() === true;

/** Tracked files, and new ones not ignored (so a file is checked before it is committed). */
function repositoryFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return [...new Set(listed.split('\0'))].filter((f) => f !== '' && f !== SELF && isFile(path.join(root, f)));
}

const isBinary = (bytes: Buffer) => bytes.subarray(0, 8000).includes(0);

// The samples below spell the outside names in pieces, so that this file does not itself name them (the
// project's before-stop check greps tracked files for them).
const q = (...parts: string[]) => parts.map((p) => `'${p}'`).join(', ');
const OUTSIDE_DATA = q('shared', 'd' + 'ata');
const REFERENCE_DOC = 'sarcoma' + '-reference';

describe('the repository stands on its own', () => {
  it('finds what it looks for (the checker itself works)', () => {
    const lines = (findings: Finding[]) => findings.map((f) => `${f.line}: ${f.why}`);
    // The test helper as it was: four levels up from tests/unit/helpers, then the data folder beside the checkout.
    expect(
      lines(
        outsideReferences(
          'tests/unit/helpers/temp.ts',
          `export const DATA = path.resolve(import.meta.dirname, '..', '..', '..', '..', ${OUTSIDE_DATA});`,
        ),
      ),
    ).toEqual([
      '1: names the DICOM data folder beside the checkout',
      `1: path.resolve(import.meta.dirname, '..', '..', '..', '..', ${OUTSIDE_DATA}) resolves outside the repository`,
    ]);
    // The benchmark as it was, with the folder renamed: followed through two variables.
    const bench = [
      'const here = path.dirname(fileURLToPath(import.meta.url));',
      "const appRoot = path.resolve(here, '..');",
      "const CT = path.resolve(appRoot, '..', 'elsewhere');",
    ];
    expect(lines(outsideReferences('scripts/bench-import.ts', bench.join('\n')))).toEqual([
      "3: path.resolve(appRoot, '..', 'elsewhere') resolves outside the repository",
    ]);
    // Written-out relative paths count from the file's folder: an import into the repo's shared/ is fine.
    expect(
      lines(
        outsideReferences(
          'electron/services/x/y.ts',
          "import { a } from '../../../shared/contract';\nSee [it](../../../../notes.md).",
        ),
      ),
    ).toEqual(['2: "../../../../" climbs out of the repository from electron/services/x']);
    expect(
      lines(outsideReferences('shared/clinical/grading.ts', ` * FNCLCC grade, from the ${REFERENCE_DOC} document`)),
    ).toEqual(['1: names the clinical reference beside the checkout (cite docs/clinical-rules.md)']);
    // The built main process runs from out/main, so two levels up from there is the root.
    expect(
      outsideReferences(
        'electron/shell/main.ts',
        "const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');",
      ),
    ).toEqual([]);
  });

  it('no tracked file names a path outside the repository root', () => {
    const findings = repositoryFiles().flatMap((file) => {
      const bytes = readFileSync(path.join(root, file));
      return isBinary(bytes) ? [] : outsideReferences(file, bytes.toString('utf8'));
    });
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.why}`)).toEqual([]);
  });
});
