/**
 * The page's first act, imported first by main.tsx so it runs before the other modules are evaluated (a tenth of a
 * second): the address's tokens move into this tab's storage, then the first screen's reads are started
 * (data/early-reads.ts).
 */
import { startEarlyReads } from '../data/early-reads';
import { adoptAddressToken } from '../web-access';

adoptAddressToken();
startEarlyReads();
