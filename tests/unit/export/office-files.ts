import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Reading exports back in tests with the usual tools: unzip (package "unzip") for the PPTX, pdftotext and pdfinfo
 * (package "poppler-utils") for the PDF. A missing tool fails with the package to install.
 */

function run(tool: string, pkg: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: install the "${pkg}" package (Debian: apt-get install -y ${pkg})`);
  }
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export interface Unzipped {
  names: string[];
  text(name: string): string;
  bytes(name: string): Buffer;
  /** Every XML part, joined (to search for texts anywhere in the file). */
  allXml(): string;
}

/** Unzips a .pptx (a file or its bytes) with the unzip tool and reads its parts. */
export function unzipPptx(input: string | Buffer): Unzipped {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-pptx-'));
  try {
    let file = input as string;
    if (Buffer.isBuffer(input)) {
      file = path.join(dir, 'deck.pptx');
      writeFileSync(file, input);
    }
    const out = path.join(dir, 'x');
    run('unzip', 'unzip', ['-q', '-o', file, '-d', out]);
    const names = (readdirSync(out, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    const files = new Map(names.map((n) => [n, readFileSync(path.join(out, n))]));
    return {
      names,
      text: (name) => files.get(name)?.toString('utf8') ?? '',
      bytes: (name) => files.get(name) ?? Buffer.alloc(0),
      allXml: () =>
        names
          .filter((n) => /\.(xml|rels)$/.test(n))
          .map((n) => files.get(n)!.toString('utf8'))
          .join('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The slide parts in slide order (ppt/slides/slide1.xml, slide2.xml, ...). */
export function slideParts(z: Unzipped): string[] {
  return z.names
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
}

/** The visible text of an OOXML part (the <a:t> runs), XML entities decoded. */
export function xmlText(xml: string): string {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)]
    .map((m) =>
      m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .join(' ');
}

export function pdfText(file: string): string {
  return run('pdftotext', 'poppler-utils', ['-layout', file, '-']);
}

export function pdfPages(file: string): number {
  const info = run('pdfinfo', 'poppler-utils', [file]);
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(m[1]);
}

/** Whether the PDF carries a structure tree for assistive technology ("Tagged: yes"). */
export function pdfTagged(file: string): boolean {
  return /^Tagged:\s+yes/m.test(run('pdfinfo', 'poppler-utils', [file]));
}

/** The first page's size in points ("Page size: 960 x 540 pts"). */
export function pdfPageSize(file: string): { width: number; height: number } {
  const info = run('pdfinfo', 'poppler-utils', [file]);
  const m = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page size for ${file}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The PDF's document information Title ('' when it has none). */
export function pdfTitle(file: string): string {
  const info = run('pdfinfo', 'poppler-utils', [file]);
  return /^Title:\s*(.*)$/m.exec(info)?.[1].trim() ?? '';
}
