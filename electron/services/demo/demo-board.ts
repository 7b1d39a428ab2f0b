import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CaseInput } from '../../../shared/domain/case';

/**
 * The demo board file (resources/demo/board.json): fictional patients whose clinical stories come from the
 * seed documents. Later capabilities (lesions, pathology, meetings) add their own sections per case.
 */
export const DemoCase = z
  .object({
    /** Stable key, e.g. "rp-ddlps", used by image generators and tests. */
    key: z.string().regex(/^[a-z0-9-]+$/),
    /** Which seed document the story comes from, and what was invented to make it a whole case. */
    source: z.string().min(1),
    case: CaseInput.strict(),
  })
  .strict();
export type DemoCase = z.infer<typeof DemoCase>;

export const DemoBoard = z.object({ title: z.string(), cases: z.array(DemoCase).min(1) }).strict();
export type DemoBoard = z.infer<typeof DemoBoard>;

export function readDemoBoard(resourcesDir: string): DemoBoard {
  const file = path.join(resourcesDir, 'demo', 'board.json');
  const parsed = DemoBoard.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} is not a valid demo board: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
