import type { Channel } from '../contract/channels';
import type { Right } from './roles';

/**
 * What each channel needs, checked at the handler boundary (electron/host/dispatch.ts) before the input is read:
 * - 'open': anyone (sign-in and the screens before it);
 * - 'session': any signed-in, unlocked user;
 * - a right: a signed-in, unlocked user whose role has it.
 * A handler may ask for more (an identified export needs exports.identified); that check is the service's.
 * Complete by type: a new channel does not compile until it is listed here.
 */
export type Access = 'open' | 'session' | Right;

export const CHANNEL_ACCESS: Record<Channel, Access> = {
  'app:info': 'open',
  'auth:status': 'open',
  'auth:setup': 'open',
  'auth:sign-in': 'open',
  // Signing out and unlocking are the two things a locked session may do (the dispatcher lets them through).
  'auth:sign-out': 'session',
  'auth:lock': 'session',
  'auth:unlock': 'session',
  'auth:changePassword': 'session',
  'users:directory': 'session',
  'users:list': 'users.manage',
  'users:create': 'users.manage',
  'users:update': 'users.manage',
  'users:resetPassword': 'users.manage',
  'settings:security': 'session',
  'settings:setSecurity': 'settings.manage',
  // The backup folder's path and the backups themselves are the administrator's (issue 12 item 12).
  'settings:backup': 'settings.manage',
  'settings:setBackup': 'settings.manage',
  'backup:now': 'settings.manage',

  'cases:list': 'records.read',
  'cases:get': 'records.read',
  'cases:create': 'cases.edit',
  'cases:update': 'cases.edit',
  'patients:lookupMrn': 'records.read',
  'cases:episodes': 'records.read',
  'demo:load': 'demo.load',

  'imaging:studies': 'records.read',
  'imaging:stack': 'records.read',
  'imaging:importPaths': 'imaging.import',
  'imaging:importUpload': 'imaging.import',
  'imaging:attachStudy': 'imaging.import',
  'jobs:status': 'session',
  'jobs:cancel': 'session',
  'annotations:list': 'records.read',
  'annotations:replace': 'imaging.keyImages',
  'keyImages:list': 'records.read',
  'keyImages:create': 'imaging.keyImages',
  'keyImages:update': 'imaging.keyImages',
  'keyImages:remove': 'imaging.keyImages',
  'lesions:list': 'records.read',
  'lesions:create': 'clinical.edit',
  'lesions:update': 'clinical.edit',
  'lesions:remove': 'clinical.edit',
  // Response tracking (issue 13): read like the lesions, written like them.
  'imaging:tracking': 'records.read',
  'imaging:setTrackedLesion': 'clinical.edit',
  'imaging:setTimepoint': 'clinical.edit',

  'pathology:list': 'records.read',
  'pathology:create': 'clinical.edit',
  'pathology:update': 'clinical.edit',
  'pathology:remove': 'clinical.edit',
  'clinical:summary': 'records.read',
  'clinical:readinessCounts': 'records.read',
  // Which report drives grade and staging is part of the clinical record, like the reports themselves.
  'clinical:chooseDrivingReport': 'clinical.edit',
  'staging:setInputs': 'clinical.edit',
  'readiness:tick': 'readiness.edit',
  'readiness:untick': 'readiness.edit',
  'readiness:setStaleWeeks': 'readiness.edit',
  'plan:set': 'clinical.edit',
  'timeline:list': 'records.read',
  'timeline:addEvent': 'clinical.edit',
  'timeline:removeEvent': 'clinical.edit',
  'cases:markReady': 'readiness.edit',

  'meetings:list': 'records.read',
  'meetings:get': 'records.read',
  'meetings:create': 'meetings.edit',
  'meetings:update': 'meetings.edit',
  'meetings:setStatus': 'meetings.edit',
  'meetings:remove': 'meetings.edit',
  'meetings:next': 'records.read',
  'agenda:add': 'meetings.edit',
  'agenda:remove': 'meetings.edit',
  'agenda:reorder': 'meetings.edit',
  'agenda:setItem': 'meetings.edit',
  'agenda:carryOver': 'meetings.edit',
  'agenda:caseHistory': 'records.read',
  'deck:get': 'records.read',
  'deck:case': 'records.read',
  'deck:editSlide': 'deck.edit',
  'deck:resetSlide': 'deck.edit',
  'decisions:get': 'records.read',
  'decisions:forMeeting': 'records.read',
  'decisions:save': 'decisions.record',
  'decisions:signOff': 'decisions.signOff',
  'decisions:amend': 'decisions.amend',
  'decisions:history': 'records.read',
  'decisions:recordFacts': 'records.read',

  // De-identified is the least an export needs; the service asks exports.identified for one with identifiers.
  'exports:start': 'exports.deidentified',
  'exports:status': 'session',
  'exports:list': 'exports.deidentified',

  'audit:list': 'audit.read',
  'audit:verify': 'audit.read',
  'audit:csv': 'audit.read',
  // Reversible mistakes (issue 12, item 9). The unattached studies name other patients: the administrator's screen.
  'imaging:detachStudy': 'imaging.detach',
  'imaging:unattached': 'store.purge',
  'imaging:purge': 'store.purge',
  'imaging:prompts': 'records.read',
  'imaging:dismissPrompt': 'imaging.import',
  // issue 14: figures
  'figures:get': 'figures.read',
  // issue 14: boards. The register is kept by whoever records the board's decisions in the room.
  'boards:list': 'records.read',
  'boards:save': 'boards.edit',
  'boards:makeMeetings': 'boards.edit',
  'meetings:attendance': 'records.read',
  'meetings:setAttendance': 'decisions.record',
  // issue 14: referrals
  'referrals:list': 'records.read',
  'referrals:board': 'records.read',
  'referrals:create': 'referrals.create',
  'referrals:accept': 'referrals.triage',
  'referrals:decline': 'referrals.triage',
  // issue 14: actions and letters
  'actions:list': 'records.read',
  'actions:setStatus': 'actions.follow',
  'letters:list': 'records.read',
  'letters:pending': 'records.read',
  // issue 14: search. Saved searches are the signed-in user's own.
  'cases:filterOptions': 'records.read',
  'savedFilters:list': 'session',
  'savedFilters:save': 'session',
  'savedFilters:remove': 'session',
  // issue 15: PACS. The nodes are the administrator's; anyone who imports imaging queries and retrieves; the key
  // images go back to the PACS with the right to keep them.
  'pacs:nodes': 'session',
  'pacs:saveNode': 'settings.manage',
  'pacs:removeNode': 'settings.manage',
  'pacs:test': 'settings.manage',
  'pacs:query': 'imaging.import',
  'pacs:series': 'imaging.import',
  'pacs:retrieve': 'imaging.import',
  'pacs:priors': 'records.read',
  'pacs:send': 'imaging.keyImages',
};

/** Channels a locked session may still call: it can only be unlocked, or given up. */
export const LOCKED_SESSION_CHANNELS: readonly Channel[] = ['auth:unlock', 'auth:sign-out', 'auth:status'];
