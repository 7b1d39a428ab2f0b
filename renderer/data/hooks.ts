import { useMutation, useQuery, useQueryClient, type QueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { InputOf, OutputOf, Result } from '../../shared/contract';
import { call, callList, invoke } from '../api';
import type { JobKind } from '../../shared/contract/jobs';
import { AFTER_JOB, AFTER_WRITE, isReadChannel, type ReadChannel, type WriteChannel } from './channels';

/** A read's cache key: its channel and its input, so two screens asking the same question share one answer. */
export const readKey = <C extends ReadChannel>(channel: C, input: InputOf<C>) => [channel, input] as const;

type ReadOptions<C extends ReadChannel, T> = Omit<
  UseQueryOptions<T, Error, T, readonly [C, InputOf<C>]>,
  'queryKey' | 'queryFn'
>;

/** A read through the contract; a refused call becomes the query's error (its plain message). */
export function useRead<C extends ReadChannel>(channel: C, input: InputOf<C>, options?: ReadOptions<C, OutputOf<C>>) {
  return useQuery({ queryKey: readKey(channel, input), queryFn: () => call(channel, input), ...options });
}

/** A list read that also says how many stored records the host had to leave out (see `callList`). */
export function useReadList<C extends ReadChannel>(
  channel: C,
  input: InputOf<C>,
  options?: ReadOptions<C, { items: OutputOf<C>; omitted: number }>,
) {
  return useQuery({
    queryKey: [...readKey(channel, input), 'list'] as unknown as readonly [C, InputOf<C>],
    queryFn: () => callList(channel, input),
    ...options,
  });
}

/** Refetch (if shown) or mark stale (if not) every read that `channel` can change. */
export function afterWrite(client: QueryClient, channel: WriteChannel): Promise<void> {
  const affects = AFTER_WRITE[channel];
  if (affects === 'nothing') return Promise.resolve();
  if (affects === 'everything') return client.invalidateQueries();
  return invalidateReads(client, affects);
}

/** The same once a job of `kind` has ended: the reads its work changed (see AFTER_JOB). */
export function afterJob(client: QueryClient, kind: JobKind): Promise<void> {
  return invalidateReads(client, AFTER_JOB[kind]);
}

function invalidateReads(client: QueryClient, affects: readonly ReadChannel[]): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) =>
      typeof q.queryKey[0] === 'string' && isReadChannel(q.queryKey[0]) && affects.includes(q.queryKey[0]),
  });
}

/**
 * A write's input, or a function that gives it when the write's turn comes: a serial write that must carry what the
 * one before it produced (a record's new version, read from the cache the earlier write refreshed) is made lazy.
 */
export type WriteInput<C extends WriteChannel> = InputOf<C> | (() => InputOf<C>);

/**
 * A write through the contract. It answers the `Result` (forms show a refused write's message next to the field), and
 * on success refetches the reads it changes. Writes that share a `serial` id run one after another in the order they
 * were made (an autosave never overtakes the one before it), which is TanStack's mutation scope.
 */
export function useWrite<C extends WriteChannel>(channel: C, options?: { serial?: string }) {
  const client = useQueryClient();
  return useMutation<Result<OutputOf<C>>, Error, WriteInput<C>>({
    mutationKey: [channel],
    scope: options?.serial ? { id: options.serial } : undefined,
    mutationFn: (input) => invoke(channel, typeof input === 'function' ? (input as () => InputOf<C>)() : input),
    onSuccess: async (result) => {
      if (result.ok) await afterWrite(client, channel);
    },
  });
}
