import type { Services } from '../services';
import type { HandlerSlice } from './slice';

export function figuresHandlers({ figures }: Services): HandlerSlice<'figures:get'> {
  return { 'figures:get': (query) => figures.get(query) };
}
