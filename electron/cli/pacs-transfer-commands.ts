import type { PacsSubcommand } from './pacs-command';

/** PLACEHOLDER (the pipeline helper replaces this file): boardprep pacs query | retrieve. */
export const PACS_TRANSFER_COMMANDS: Record<string, PacsSubcommand> = {};
