import type { Channel } from '../../shared/contract';
import type { JobKind } from '../../shared/contract/jobs';

/**
 * The channels that only read. Everything else writes, and says in `AFTER_WRITE` which reads it can change, so a
 * screen showing one of them refetches after the write instead of each screen keeping its own refresh counter.
 */
export const READ_CHANNELS = [
  'app:info',
  'auth:status',
  'users:directory',
  'users:list',
  'settings:security',
  'settings:backup',
  'cases:list',
  'cases:get',
  'patients:lookupMrn',
  'cases:episodes',
  'imaging:studies',
  'imaging:stack',
  'jobs:status',
  'annotations:list',
  'keyImages:list',
  'lesions:list',
  'imaging:tracking',
  'pathology:list',
  'clinical:summary',
  'clinical:readinessCounts',
  'timeline:list',
  'meetings:list',
  'meetings:get',
  'meetings:next',
  'agenda:caseHistory',
  'deck:get',
  'deck:case',
  'decisions:forMeeting',
  'decisions:get',
  'decisions:history',
  'decisions:recordFacts',
  'exports:list',
  'exports:status',
  'audit:list',
  'imaging:unattached',
  'imaging:prompts',
  // issue 14: figures
  'figures:get',
  // issue 14: boards
  'boards:list',
  'meetings:attendance',
  // issue 14: referrals
  'referrals:list',
  'referrals:board',
  // issue 14: actions and letters
  'actions:list',
  'letters:list',
  'letters:pending',
  // issue 14: search
  'cases:filterOptions',
  'savedFilters:list',
  // issue 15: PACS (a query asks the PACS, but changes nothing)
  'pacs:nodes',
  'pacs:query',
  'pacs:series',
  'pacs:priors',
] as const satisfies readonly Channel[];

export type ReadChannel = (typeof READ_CHANNELS)[number];
export type WriteChannel = Exclude<Channel, ReadChannel>;

export const isReadChannel = (channel: string): channel is ReadChannel =>
  (READ_CHANNELS as readonly string[]).includes(channel);

/** Reads that show the clinical record or anything computed from it (readiness, staging, the slides). */
const CLINICAL_VIEWS: readonly ReadChannel[] = [
  'app:info',
  'cases:list',
  'cases:get',
  // A case's episodes show the others' status and board outcomes, so every clinical or meeting write refetches them.
  'cases:episodes',
  'clinical:summary',
  'clinical:readinessCounts',
  'pathology:list',
  'timeline:list',
  'meetings:get',
  'meetings:list',
  'deck:get',
  'deck:case',
  'decisions:recordFacts',
  // The lesion-tracking table and the Response slide: lesions, tracked lesions and time points change it.
  'imaging:tracking',
];
const IMAGING_VIEWS: readonly ReadChannel[] = [
  ...CLINICAL_VIEWS,
  'imaging:studies',
  'imaging:stack',
  'annotations:list',
  'keyImages:list',
  'lesions:list',
  // An import asks, an attach answers, a detach or a purge changes what no case holds.
  'imaging:prompts',
  'imaging:unattached',
];
const MEETING_VIEWS: readonly ReadChannel[] = [
  ...CLINICAL_VIEWS,
  'meetings:next',
  'agenda:caseHistory',
  'decisions:forMeeting',
  'decisions:get',
  'decisions:history',
  'exports:list',
  // issue 14: a sign-off or an amendment makes follow-up rows and a case waiting for its letter
  'actions:list',
  'letters:pending',
];

/**
 * What each write can change: the reads to refetch once it succeeds. Keyed by channel id and complete by type, so a
 * new write channel does not compile until it says what it changes. `nothing` is for writes whose effect arrives
 * later through a read of its own (a job's status) or that change no stored record.
 */
export const AFTER_WRITE: Record<WriteChannel, readonly ReadChannel[] | 'everything' | 'nothing'> = {
  // Who is signed in changes what every screen may show.
  'auth:setup': 'everything',
  'auth:sign-in': 'everything',
  'auth:sign-out': 'everything',
  'auth:lock': ['auth:status'],
  'auth:unlock': 'everything',
  'auth:changePassword': ['auth:status'],
  'users:create': ['users:list', 'users:directory'],
  'users:update': ['users:list', 'users:directory'],
  'users:resetPassword': ['users:list'],
  'settings:setSecurity': ['settings:security', 'auth:status'],
  'settings:setBackup': ['settings:backup'],
  'backup:now': ['settings:backup'],
  'cases:create': CLINICAL_VIEWS,
  'cases:update': [...CLINICAL_VIEWS, 'decisions:get', 'decisions:forMeeting'],
  'cases:markReady': CLINICAL_VIEWS,
  'demo:load': 'everything',
  'imaging:importPaths': 'nothing',
  'imaging:importUpload': 'nothing',
  'imaging:attachStudy': IMAGING_VIEWS,
  'jobs:cancel': ['jobs:status', 'exports:status', 'exports:list'],
  // Saved while drawing: the viewer holds the newer list (a series reads it afresh when opened), so only the slides.
  'annotations:replace': ['deck:get', 'deck:case'],
  // Not the series' image stack or measurements: a key image or a lesion changes neither.
  'keyImages:create': [...CLINICAL_VIEWS, 'keyImages:list'],
  'keyImages:update': [...CLINICAL_VIEWS, 'keyImages:list'],
  'keyImages:remove': [...CLINICAL_VIEWS, 'keyImages:list'],
  'lesions:create': [...CLINICAL_VIEWS, 'lesions:list'],
  'lesions:update': [...CLINICAL_VIEWS, 'lesions:list'],
  'lesions:remove': [...CLINICAL_VIEWS, 'lesions:list'],
  'imaging:setTrackedLesion': CLINICAL_VIEWS,
  'imaging:setTimepoint': CLINICAL_VIEWS,
  'pathology:create': CLINICAL_VIEWS,
  'pathology:update': CLINICAL_VIEWS,
  'pathology:remove': CLINICAL_VIEWS,
  'clinical:chooseDrivingReport': CLINICAL_VIEWS,
  'staging:setInputs': CLINICAL_VIEWS,
  'readiness:tick': CLINICAL_VIEWS,
  'readiness:untick': CLINICAL_VIEWS,
  'readiness:setStaleWeeks': CLINICAL_VIEWS,
  'plan:set': CLINICAL_VIEWS,
  'timeline:addEvent': CLINICAL_VIEWS,
  'timeline:removeEvent': CLINICAL_VIEWS,
  'meetings:create': MEETING_VIEWS,
  'meetings:update': MEETING_VIEWS,
  'meetings:setStatus': MEETING_VIEWS,
  'meetings:remove': MEETING_VIEWS,
  'agenda:add': MEETING_VIEWS,
  'agenda:remove': MEETING_VIEWS,
  'agenda:reorder': MEETING_VIEWS,
  'agenda:setItem': MEETING_VIEWS,
  'agenda:carryOver': MEETING_VIEWS,
  'deck:editSlide': ['deck:get', 'deck:case'],
  'deck:resetSlide': ['deck:get', 'deck:case'],
  // A draft saved while typing. The form keeps its own draft (a refetch never overwrites what is being typed), but
  // it reads the saved decision again: the next save, queued behind this one, needs the version this one made.
  'decisions:save': ['decisions:get', 'decisions:forMeeting', 'meetings:get'],
  'decisions:signOff': MEETING_VIEWS,
  'decisions:amend': MEETING_VIEWS,
  'exports:start': ['exports:list'],
  // Both append an entry (the verification, the export of the trail) to the list they read.
  'audit:verify': ['audit:list'],
  'audit:csv': ['audit:list'],
  'imaging:detachStudy': IMAGING_VIEWS,
  'imaging:purge': ['imaging:unattached'],
  'imaging:dismissPrompt': ['imaging:prompts', 'imaging:unattached'],
  // issue 14: boards. A board's rule changes the quorum its meetings' decisions show; new decisions start from the register.
  'boards:save': ['boards:list', 'meetings:attendance', 'decisions:get'],
  'boards:makeMeetings': MEETING_VIEWS,
  'meetings:setAttendance': ['meetings:attendance', 'decisions:get'],
  // issue 14: referrals
  'referrals:create': ['referrals:list', ...CLINICAL_VIEWS],
  'referrals:accept': ['referrals:list', ...MEETING_VIEWS],
  'referrals:decline': ['referrals:list', ...CLINICAL_VIEWS],
  // issue 14: actions and letters
  'actions:setStatus': ['actions:list'],
  // issue 14: search
  'savedFilters:save': ['savedFilters:list'],
  'savedFilters:remove': ['savedFilters:list'],
  // issue 15: PACS. A retrieval is a job (AFTER_JOB); its start changes nothing yet.
  'pacs:saveNode': ['pacs:nodes', 'pacs:priors'],
  'pacs:removeNode': ['pacs:nodes', 'pacs:priors'],
  'pacs:test': 'nothing',
  'pacs:retrieve': 'nothing',
  'pacs:send': 'nothing',
};

/**
 * What a job of each kind changes once it has ended (its start answers at once and changes nothing yet): an import
 * adds studies to a case and so to everything computed from its record; an export adds a file. Complete by type, so a
 * new kind of job does not compile until it says what it changes.
 */
export const AFTER_JOB: Record<JobKind, readonly ReadChannel[]> = {
  import: IMAGING_VIEWS,
  export: ['exports:list', 'letters:list', 'letters:pending'],
  'pacs-retrieve': [...IMAGING_VIEWS, 'pacs:query', 'pacs:series', 'pacs:priors'],
  'pacs-send': [],
};
