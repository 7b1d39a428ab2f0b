import { QueryClient } from '@tanstack/react-query';

/**
 * The renderer's one cache of what the main process answered. `networkMode: 'always'`: the API is local (IPC or
 * the loopback host), so a workstation without a network must not hold queries back as "offline". No retries: a
 * refused or failed call is shown as it is, not repeated behind the user's back.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { networkMode: 'always', retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
