import type { Services } from '../services';
import type { HandlerSlice } from './slice';

export function auditHandlers({ audit }: Services): HandlerSlice<'audit:list' | 'audit:verify' | 'audit:csv'> {
  return {
    'audit:list': (filter) => audit.list(filter),
    'audit:verify': () => audit.verify(),
    'audit:csv': (filter) => audit.csv(filter),
  };
}
