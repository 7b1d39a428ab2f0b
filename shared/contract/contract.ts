import type { z } from 'zod';
import { appContract } from './app';
import { casesContract } from './cases';
import { clinicalContract } from './clinical';
import { imagingContract } from './imaging';
import { meetingsContract } from './meetings';
import type { Channel } from './channels';
import type { Result } from './result';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/** The whole API: one entry per channel in CHANNELS, no more, no fewer. */
export const contract = {
  ...appContract,
  ...casesContract,
  ...imagingContract,
  ...clinicalContract,
  ...meetingsContract,
} as const satisfies Record<Channel, ChannelSpec>;

type Spec<C extends Channel> = (typeof contract)[C];
/** What a caller may send (defaults still optional). */
export type InputOf<C extends Channel> = z.input<Spec<C>['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInputOf<C extends Channel> = z.output<Spec<C>['input']>;
export type OutputOf<C extends Channel> = z.output<Spec<C>['output']>;

/** What the preload bridge exposes as `window.boardprep` and what the web client implements. */
export interface BoardPrepBridge {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  /** Desktop only: the local paths of dropped or chosen files, so they are imported in place, not uploaded. */
  pathsForFiles?(files: File[]): string[];
}

// Compile-time check that the contract has no channel CHANNELS does not list.
type Extra = Exclude<keyof typeof contract, Channel>;
const noExtraChannels: Extra extends never ? true : never = true;
void noExtraChannels;
