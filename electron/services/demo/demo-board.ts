import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CaseInput } from '../../../shared/domain/case';
import { EventInput, PlanInput, StagingInputsInput, TickInput } from '../../../shared/domain/clinical';
import { LesionInput } from '../../../shared/domain/imaging';
import { PathologyInput } from '../../../shared/domain/pathology';

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
    /** What the clinical sections below keep from the seed, what they leave as gaps, and the choices made. */
    clinicalSource: z.string().min(1).optional(),
    /** Lesion sizes (cm) as the seed gives them; the largest feeds AJCC T. */
    lesions: z.array(LesionInput.strict()).optional(),
    pathology: z.array(PathologyInput).optional(),
    staging: StagingInputsInput.optional(),
    plan: PlanInput.optional(),
    /** Presentation and treatments given (timeline events no other record holds). */
    events: z.array(EventInput).optional(),
    /** Work-up the seed documents as done but that is not held as an imported study or a pathology report. */
    ticks: z.array(TickInput).optional(),
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
