/** A word-level difference between two texts: runs of kept, removed and added words (whitespace kept with words). */
export type DiffPart = { kind: 'same' | 'del' | 'ins'; text: string };

/** Words (with inner hyphens and apostrophes), single punctuation marks, and runs of white space. */
const tokens = (s: string) => s.match(/\s+|[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}]/gu) ?? [];

export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  // Trim the common start and end first: amendments usually change a little of a long note.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  if (midA.length * midB.length > 250_000) {
    // Too long to compare word by word: show the changed middle as removed then added.
    push('del', midA.join(''));
    push('ins', midB.join(''));
  } else {
    // Longest common subsequence of the middles.
    const n = midA.length;
    const m = midB.length;
    const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push('same', midA[i]);
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        push('ins', midB[j++]);
      } else {
        push('del', midA[i++]);
      }
    }
  }
  push('same', a.slice(endA).join(''));
  return grouped(parts);
}

/**
 * One removal and one addition per changed stretch: white space alone between two changes belongs to the change
 * ("not interpreted" → "reported as degenerative", not word by word).
 */
function grouped(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ kind: 'del', text: del });
    if (ins) out.push({ kind: 'ins', text: ins });
    del = ins = '';
  };
  parts.forEach((p, i) => {
    const between =
      p.kind === 'same' && /^\s+$/.test(p.text) && i > 0 && i < parts.length - 1 && parts[i + 1].kind !== 'same';
    if (p.kind === 'same' && !between) {
      flush();
      out.push(p);
    } else if (between) {
      del += p.text;
      ins += p.text;
    } else if (p.kind === 'del') del += p.text;
    else ins += p.text;
  });
  flush();
  return out;
}

/** Long unchanged runs shortened to a few words either side of a change ("… "), so the change stands out. */
export function elide(parts: DiffPart[], keep = 8): DiffPart[] {
  return parts.map((p, i) => {
    if (p.kind !== 'same') return p;
    const words = tokens(p.text);
    const first = i === 0;
    const last = i === parts.length - 1;
    const limit = first || last ? keep : keep * 2;
    if (words.filter((w) => w.trim()).length <= limit) return p;
    const head = first ? [] : words.slice(0, keep * 2);
    const tail = last ? [] : words.slice(-keep * 2);
    return {
      kind: 'same',
      text: `${head.join('').trimEnd()}${head.length ? ' … ' : '… '}${tail.join('').trimStart()}`,
    };
  });
}
