import type { Services } from '../services';
import type { HandlerSlice } from './slice';

/** Referral intake and triage (issue 14 item 6); who decided is the signed-in user. */
export function referralHandlers({
  referrals,
}: Pick<Services, 'referrals'>): HandlerSlice<
  'referrals:list' | 'referrals:board' | 'referrals:create' | 'referrals:accept' | 'referrals:decline'
> {
  return {
    'referrals:list': ({ status }) => referrals.list(status),
    'referrals:board': ({ boardSlug }) => referrals.boardInfo(boardSlug),
    'referrals:create': (input) => referrals.create(input),
    'referrals:accept': (input, { session }) => referrals.accept(input, session?.actor.userId ?? null),
    'referrals:decline': (input, { session }) => referrals.decline(input, session?.actor.userId ?? null),
  };
}
