import type { z } from 'zod';
import { appContract } from './app';
import { auditContract } from './audit';
import { authContract } from './auth';
import { backupContract } from './backup';
import { casesContract } from './cases';
import { clinicalContract } from './clinical';
import { exportsContract } from './exports';
import { imagingContract } from './imaging';
import { jobsContract } from './jobs';
// issue 15: PACS
import { pacsContract } from './pacs';
import { meetingsContract } from './meetings';
import { reversibleContract } from './reversible';
// issue 14: figures
import { figuresContract } from './figures';
import { boardsContract } from './boards';
// issue 14: referrals
import { referralsContract } from './referrals';
import { followUpContract } from './follow-up';
// issue 14: search
import { caseSearchContract } from './case-search';
import type { Channel } from './channels';
import type { Result } from './result';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/** The whole API: one entry per channel in CHANNELS, no more, no fewer. */
export const contract = {
  ...appContract,
  ...authContract,
  ...backupContract,
  ...casesContract,
  ...imagingContract,
  ...jobsContract,
  ...clinicalContract,
  ...meetingsContract,
  ...exportsContract,
  ...auditContract,
  ...reversibleContract,
  // issue 14: figures
  ...figuresContract,
  // issue 14: boards
  ...boardsContract,
  // issue 14: referrals
  ...referralsContract,
  // issue 14: actions and letters
  ...followUpContract,
  // issue 14: search
  ...caseSearchContract,
  // issue 15: PACS
  ...pacsContract,
} as const satisfies Record<Channel, ChannelSpec>;

type Spec<C extends Channel> = (typeof contract)[C];
/** What a caller may send (defaults still optional). */
export type InputOf<C extends Channel> = z.input<Spec<C>['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInputOf<C extends Channel> = z.output<Spec<C>['input']>;
export type OutputOf<C extends Channel> = z.output<Spec<C>['output']>;

/** What the preload bridge exposes as `window.boardprep` and what the web client implements. */
export interface BoardPrepBridge {
  /** `session`: the signed-in user's session token (auth:sign-in), checked by the main process on every call. */
  invoke<C extends Channel>(channel: C, input: InputOf<C>, session?: string): Promise<Result<OutputOf<C>>>;
  /**
   * Desktop only: hands the main process the dropped or chosen files (the preload reads their paths) and answers
   * one token for each, for `imaging:importPaths`, so they are imported in place, not uploaded. Files that are not
   * on disk get no token.
   */
  grantFiles?(files: File[]): Promise<string[]>;
  /** Desktop only: open presenter mode's audience window on the second display (electron/shell/presenter-window.ts). */
  openAudience?(request: AudienceRequest): Promise<AudienceResult>;
  /** Desktop only: the application menu's commands for the page (File > New case, Help > Keyboard shortcuts, ...). Returns the unsubscribe. */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
}

/** Not a contract channel: main -> renderer only, the menu items the page carries out. */
export const MENU_COMMAND_CHANNEL = 'menu:command';
export const MENU_COMMANDS = ['new-case', 'import-imaging', 'export-meeting', 'search', 'shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const isMenuCommand = (value: unknown): value is MenuCommand =>
  (MENU_COMMANDS as readonly unknown[]).includes(value);

/** Not a contract channel: only the preload sends it, with paths it read from File objects (see grantFiles). */
export const GRANT_PATHS_CHANNEL = 'imaging:grantPaths';

/** Not a contract channel: the web host has no windows to open (the renderer uses window.open there). */
export const OPEN_AUDIENCE_CHANNEL = 'presenter:openAudience';

export interface AudienceRequest {
  meetingId: number;
  deidentified: boolean;
  /** The presenter's session, for the audience window's own calls (it has no sessionStorage of its own). */
  session?: string;
}

export interface AudienceResult {
  opened: boolean;
  /** Where it went: the second display, or the presenter's own display when there is only one. */
  display: 'second' | 'primary';
  message: string;
}

// Compile-time check that the contract has no channel CHANNELS does not list.
type Extra = Exclude<keyof typeof contract, Channel>;
const noExtraChannels: Extra extends never ? true : never = true;
void noExtraChannels;
