import type { HandlerTable } from '../dispatch';

/** A domain's part of the one handler table. */
export type HandlerSlice<K extends keyof HandlerTable> = Pick<HandlerTable, K>;
