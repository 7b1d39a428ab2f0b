/**
 * Every channel of the API, named `domain:verb`. Kept free of zod so the preload bundle stays tiny;
 * `contract.ts` must define exactly these keys (checked by the type system).
 */
export const CHANNELS = [
  'app:info',
  'cases:list',
  'cases:get',
  'cases:create',
  'cases:update',
  'patients:lookupMrn',
  'demo:load',
  'imaging:studies',
  'imaging:stack',
  'imaging:importPaths',
  'imaging:importUpload',
  'imaging:attachStudy',
  'jobs:status',
  'jobs:cancel',
  'annotations:list',
  'annotations:replace',
  'keyImages:list',
  'keyImages:create',
  'keyImages:update',
  'keyImages:remove',
  'lesions:list',
  'lesions:create',
  'lesions:update',
  'lesions:remove',
  'pathology:list',
  'pathology:create',
  'pathology:update',
  'pathology:remove',
  'clinical:summary',
  'clinical:readinessCounts',
  'staging:setInputs',
  'readiness:tick',
  'readiness:untick',
  'readiness:setStaleWeeks',
  'plan:set',
  'timeline:list',
  'timeline:addEvent',
  'timeline:removeEvent',
  'cases:markReady',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
