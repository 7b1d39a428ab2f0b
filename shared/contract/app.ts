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
  'demo:load': {
    input: z.object({}).strict(),
    output: z.object({ casesCreated: z.number().int(), skipped: z.array(z.string()) }),
  },
} as const;
