import type { QueryClient } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../shared/contract';
import { parseRoute, type Route } from '../../shared/routes';
import { call } from '../api';
import type { ReadChannel } from './channels';
import { preloadPrintImages } from '../slides/print-images';
import { readKey } from './hooks';

/**
 * Reads a page will make as soon as it renders, started before the rest of its modules are evaluated, so the host
 * answers them meanwhile: for a 40-case deck's print view, the deck (430 KB) arrives while the page starts, instead
 * of being asked for once it has. Only the print views start early: what they read follows from the address alone.
 */
interface EarlyRead<T = unknown> {
  key: readonly [ReadChannel, unknown];
  answer: Promise<T>;
}

let started: EarlyRead[] = [];

/** The deck a meeting's print view draws (PrintDeck): one definition, so the early read is the one it makes. */
export const printDeckInput = (meetingId: number, deidentified: boolean): InputOf<'deck:get'> => ({
  meetingId,
  deidentified,
});

function readsOf(route: Route): EarlyRead[] {
  if (route.name !== 'print') return [];
  const start = <C extends ReadChannel>(channel: C, input: InputOf<C>): EarlyRead<OutputOf<C>> => {
    const answer = call(channel, input);
    // Whoever reads it later gets the failure; until then it is not an unhandled rejection.
    answer.catch(() => undefined);
    return { key: readKey(channel, input), answer };
  };
  const reads: EarlyRead[] = [start('auth:status', {})];
  if (route.doc === 'meeting') {
    const deck = start('deck:get', printDeckInput(route.id, route.deidentified));
    // Its images are asked for as soon as it arrives, while the page builds the slides.
    deck.answer.then(
      (d) => preloadPrintImages(d.slides),
      () => undefined,
    );
    reads.push(deck);
  }
  return reads;
}

/** Starts the first screen's reads (renderer/boot/early.ts calls it before the app's modules are evaluated). */
export function startEarlyReads(): void {
  started = readsOf(parseRoute(window.location.hash));
}

/** Hands the reads started early to the query cache, where the screens' useRead finds them in flight or answered. */
export function adoptEarlyReads(client: QueryClient): void {
  for (const { key, answer } of started) void client.prefetchQuery({ queryKey: key, queryFn: () => answer });
  started = [];
}
