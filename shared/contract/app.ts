import { z } from 'zod';

export const appContract = {
  'app:info': {
    input: z.object({}).strict(),
    output: z.object({
      name: z.literal('BoardPrep'),
      version: z.string(),
      dataDir: z.string(),
      schemaVersion: z.number().int(),
      caseCount: z.number().int(),
    }),
  },
  /** Loads the demo board; with `images`, also its synthetic CT series (a few seconds). */
  'demo:load': {
    input: z.object({ images: z.boolean().default(true) }).strict(),
    output: z.object({
      casesCreated: z.number().int(),
      skipped: z.array(z.string()),
      images: z
        .array(
          z.object({
            key: z.string(),
            caseId: z.number().int(),
            imported: z.number().int(),
            duplicates: z.number().int(),
          }),
        )
        .nullable(),
    }),
  },
} as const;
