import type { PacsSubcommand } from './pacs-command';

/** PLACEHOLDER (the pipeline helper replaces this file): boardprep pacs add | list | test. */
export const PACS_NODE_COMMANDS: Record<string, PacsSubcommand> = {};
