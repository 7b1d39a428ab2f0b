/* eslint-disable @typescript-eslint/no-unused-vars -- a placeholder until its helper lands */
import type { PacsPriors } from '../../../shared/contract/pacs';

/** PLACEHOLDER (the pipeline helper replaces this file): the patient's PACS studies not yet imported. */
export class PriorStudies {
  get(_caseId: number): PacsPriors {
    return { node: null, studies: [], error: null, checkedAt: null };
  }
}
