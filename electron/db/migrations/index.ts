import type { Migration } from '../migrate';
import { m0001 } from './0001-patients-and-cases';

/** Append only. A released migration is never edited: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [m0001];
