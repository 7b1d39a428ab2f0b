import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CaseInput } from '../../../shared/domain/case';
import { EventInput, PlanInput, StagingInputsInput, TickInput } from '../../../shared/domain/clinical';
import { LesionInput } from '../../../shared/domain/imaging';
import { DecisionFields, ItemMinutes, MeetingInput, MeetingStatus, Presenter } from '../../../shared/domain/meeting';
import { PathologyInput } from '../../../shared/domain/pathology';

/** A demo lesion row: one measurement of a tracked lesion (rows with the same label are one lesion over time). */
const DemoLesion = LesionInput.strict();

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
    /**
     * Lesion sizes (cm) as the seed gives them; the largest feeds AJCC T. A lesion measured on a synthetic study also
     * names that study and its mean density (an ellipse on the key image), so it is tracked across studies (issue 13,
     * response to treatment): rows with the same label are one lesion at several study dates.
     */
    lesions: z.array(DemoLesion).optional(),
    pathology: z.array(PathologyInput).optional(),
    staging: StagingInputsInput.optional(),
    plan: PlanInput.optional(),
    /** Presentation and treatments given (timeline events no other record holds). */
    events: z.array(EventInput).optional(),
    /**
     * Work-up the seed documents as done but that is not held as an imported study or a pathology report. The demo
     * names who ticked it (a fictional person, no user), as the app records the signed-in user.
     */
    ticks: z.array(TickInput.extend({ by: z.string().min(1) })).optional(),
    /**
     * For a case loaded as ready while work-up items are missing: the coordinator's recorded override (who and why),
     * as the ready gate requires of anyone. Checked against the demo's upcoming meeting.
     */
    readyOverride: z
      .object({ by: z.string().min(1), why: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type DemoCase = z.infer<typeof DemoCase>;

const CaseKey = z.string().regex(/^[a-z0-9-]+$/);

/**
 * A demo board meeting (issue 5): the meeting, its agenda by case key, and for a finished meeting what happened to
 * each case not discussed (a deferral is recorded as a signed-off decision, as at a real board).
 */
export const DemoMeeting = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    source: z.string().min(1),
    meeting: MeetingInput,
    status: MeetingStatus,
    agenda: z.array(z.object({ case: CaseKey, presenter: Presenter, minutes: ItemMinutes }).strict()).min(1),
    outcomes: z
      .array(
        z
          .object({
            case: CaseKey,
            state: z.enum(['deferred', 'not-discussed']),
            decision: DecisionFields.optional(),
            signedOffBy: z.string().min(1).optional(),
            /** Why the demo decision was signed off without quorum (sign-off requires it then). */
            noQuorumReason: z.string().min(1).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type DemoMeeting = z.infer<typeof DemoMeeting>;

export const DemoBoard = z
  .object({ title: z.string(), cases: z.array(DemoCase).min(1), meetings: z.array(DemoMeeting).optional() })
  .strict()
  .superRefine((board, ctx) => {
    const keys = new Set(board.cases.map((c) => c.key));
    // Several demo cases may name one patient (issue 13: episodes): the same patient, each a different episode kind,
    // so the loader can tell them apart (demo-case-ids.ts).
    board.cases.forEach((c, i) => {
      const first = board.cases.findIndex((o) => o.case.patient.mrn.toLowerCase() === c.case.patient.mrn.toLowerCase());
      if (first === i) return;
      const earlier = board.cases[first];
      const p = c.case.patient;
      const q = earlier.case.patient;
      if (
        p.familyName !== q.familyName ||
        p.givenNames !== q.givenNames ||
        p.dateOfBirth !== q.dateOfBirth ||
        p.sex !== q.sex
      )
        ctx.addIssue({
          code: 'custom',
          path: ['cases', i, 'case', 'patient'],
          message: `Same MRN as "${earlier.key}" but another patient: an episode repeats the patient exactly`,
        });
      const kinds = board.cases
        .slice(0, i)
        .filter((o) => o.case.patient.mrn.toLowerCase() === p.mrn.toLowerCase())
        .map((o) => o.case.episodeKind ?? 'new-diagnosis');
      if (kinds.includes(c.case.episodeKind ?? 'new-diagnosis'))
        ctx.addIssue({
          code: 'custom',
          path: ['cases', i, 'case', 'episodeKind'],
          message: `"${c.key}" is a second ${c.case.episodeKind ?? 'new-diagnosis'} episode of the patient of "${earlier.key}": give each episode its own kind`,
        });
    });
    board.meetings?.forEach((m, i) => {
      m.agenda.forEach((a, j) => {
        if (!keys.has(a.case))
          ctx.addIssue({
            code: 'custom',
            path: ['meetings', i, 'agenda', j, 'case'],
            message: `No demo case "${a.case}"`,
          });
      });
      m.outcomes?.forEach((o, j) => {
        if (!m.agenda.some((a) => a.case === o.case)) {
          ctx.addIssue({
            code: 'custom',
            path: ['meetings', i, 'outcomes', j, 'case'],
            message: `"${o.case}" is not on this meeting's agenda`,
          });
        }
        if (o.state === 'deferred' && (o.decision?.outcome !== 'deferred' || !o.signedOffBy)) {
          ctx.addIssue({
            code: 'custom',
            path: ['meetings', i, 'outcomes', j],
            message: 'A deferral is a signed-off decision with outcome "deferred"',
          });
        }
      });
    });
  });
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
