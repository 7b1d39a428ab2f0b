import { z } from 'zod';
import { Role } from '../auth/roles';

/**
 * Issue 12: who is at the workstation. A session is started by `auth:sign-in` and named by a bearer token that the
 * page keeps for its tab and every call carries (the web host's X-BoardPrep-Session header, the IPC call's third
 * argument). The database keeps only the token's hash, so sessions of several workstations can share one board.
 */

export const AUTH_POLICIES = ['password', 'pin'] as const;
export const AuthPolicy = z.enum(AUTH_POLICIES);
export type AuthPolicy = z.infer<typeof AuthPolicy>;

/** The shortest secret each policy accepts (a PIN is digits only). */
export const MIN_SECRET_LENGTH: Record<AuthPolicy, number> = { password: 10, pin: 6 };

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'A username has at least 2 characters')
  .max(64, 'At most 64 characters')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'Use letters, digits, dots, dashes and underscores (starting with a letter or digit)',
  );
/** The secret is checked against the policy by the service (the policy is a setting); here only its bounds. */
const Secret = (what: string) => z.string().min(1, what).max(200, 'At most 200 characters');
const DisplayName = z.string().trim().min(1, 'Give the name people know them by').max(120, 'At most 120 characters');
/** The core specialty a user stands for in attendance (ids of shared/domain/meeting CORE_SPECIALTIES), if any. */
const Specialty = z.string().min(1).max(60).nullable();

export const UserSummary = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  specialty: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** What every signed-in page may know of the others: names for attendance, presenters and action owners. */
export const DirectoryEntry = UserSummary.pick({ id: true, displayName: true, role: true, specialty: true });
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

export const SignedInUser = UserSummary.pick({
  username: true,
  displayName: true,
  role: true,
  specialty: true,
  mustChangePassword: true,
}).extend({
  /** 0 only for the read-only session of a PDF the command line prints (no user). */
  id: z.number().int().nonnegative(),
});
export type SignedInUser = z.infer<typeof SignedInUser>;

export const AuthStatus = z.object({
  /** No user exists yet: the first start creates the administrator (or loads the demo board). */
  setupNeeded: z.boolean(),
  policy: AuthPolicy,
  lockMinutes: z.number().int(),
  /** The demo board's users exist (their password is documented): the sign-in screen says so. */
  demo: z.boolean(),
  /** The caller's session, if it sent a live one. */
  user: SignedInUser.nullable(),
  locked: z.boolean(),
  workstation: z.string(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const SignInAnswer = z.object({ session: z.string(), user: SignedInUser });
export type SignInAnswer = z.infer<typeof SignInAnswer>;

export const SecuritySettings = z.object({
  policy: AuthPolicy,
  lockMinutes: z.number().int().min(1, 'At least 1 minute').max(240, 'At most 240 minutes'),
});
export type SecuritySettings = z.infer<typeof SecuritySettings>;

const UserId = z.number({ message: 'Choose a user' }).int().positive();
const Done = z.object({ done: z.literal(true) });

export const authContract = {
  /** Open to all: whether setup is needed, the policy, and who (if anyone) the caller's session belongs to. */
  'auth:status': { input: z.object({}).strict(), output: AuthStatus },
  /** Open only while no user exists: creates the administrator and signs them in. */
  'auth:setup': {
    input: z.object({ username: Username, displayName: DisplayName, password: Secret('Choose a password') }).strict(),
    output: SignInAnswer,
  },
  'auth:sign-in': {
    input: z.object({ username: Username, password: Secret('Enter the password') }).strict(),
    output: SignInAnswer,
  },
  'auth:sign-out': { input: z.object({}).strict(), output: Done },
  /** The page locks after inactivity: the session stays (with the page's unsaved edits) until unlocked. */
  'auth:lock': { input: z.object({}).strict(), output: Done },
  /** The same user's password again; a locked session answers nothing else. */
  'auth:unlock': { input: z.object({ password: Secret('Enter the password') }).strict(), output: SignedInUser },
  'auth:changePassword': {
    input: z.object({ current: Secret('Enter the current password'), next: Secret('Choose a new password') }).strict(),
    output: SignedInUser,
  },
  'users:directory': { input: z.object({}).strict(), output: z.array(DirectoryEntry) },
  'users:list': { input: z.object({}).strict(), output: z.array(UserSummary) },
  'users:create': {
    input: z
      .object({
        username: Username,
        displayName: DisplayName,
        role: Role,
        specialty: Specialty.default(null),
        password: Secret('Choose a first password'),
      })
      .strict(),
    output: UserSummary,
  },
  'users:update': {
    input: z
      .object({
        id: UserId,
        displayName: DisplayName.optional(),
        role: Role.optional(),
        specialty: Specialty.optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    output: UserSummary,
  },
  /** Sets a temporary password the user must change at the next sign-in; ends the user's sessions. */
  'users:resetPassword': {
    input: z.object({ id: UserId, password: Secret('Choose a temporary password') }).strict(),
    output: UserSummary,
  },
  'settings:security': { input: z.object({}).strict(), output: SecuritySettings },
  'settings:setSecurity': { input: SecuritySettings.strict(), output: SecuritySettings },
} as const;

export type AuthChannel = keyof typeof authContract;
