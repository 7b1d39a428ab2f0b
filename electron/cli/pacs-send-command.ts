import type { PacsSubcommand } from './pacs-command';

/** PLACEHOLDER (the key-images helper replaces this file): boardprep pacs send. */
export const PACS_SEND_COMMANDS: Record<string, PacsSubcommand> = {};
