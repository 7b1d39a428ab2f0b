import type { Migration } from '../migrate';
import { m0001 } from './0001-patients-and-cases';
import { m0002 } from './0002-imaging';
import { m0003 } from './0003-measurements-key-images-lesions';
import { m0004 } from './0004-clinical-record';
import { m0005 } from './0005-meetings';
import { m0006 } from './0006-store-claims';
import { m0007 } from './0007-users-and-audit';
import { m0008 } from './0008-attach-prompts';
import { m0009 } from './0009-episodes-specimen-response';
import { m0010 } from './0010-boards-referrals-follow-up';
import { m0011 } from './0011-case-facets';
import { m0012 } from './0012-pacs';

/** Append only. A released migration is never edited: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
];
