import type { Role } from '../../../shared/auth/roles';
import type { AuthService } from '../auth/auth-service';

/**
 * The demo board's fictional users, one per role, all with DEMO_PASSWORD (documented in the README and shown on
 * the sign-in screen while they exist). Only ever made by loading the demo board.
 */
export const DEMO_PASSWORD = 'sarcoma-demo';

export const DEMO_USERS: readonly { username: string; displayName: string; role: Role; specialty: string | null }[] = [
  { username: 'admin', displayName: 'Alex Morgan (IT)', role: 'administrator', specialty: null },
  { username: 'coordinator', displayName: 'Joanne Pike', role: 'coordinator', specialty: null },
  { username: 'presenter', displayName: 'Dr Amara Okafor', role: 'presenter', specialty: 'surgeon' },
  { username: 'chair', displayName: 'Dr Helena Marsh', role: 'chair', specialty: 'surgeon' },
  { username: 'member', displayName: 'Dr Naomi Feld', role: 'member', specialty: 'radiologist' },
  { username: 'viewer', displayName: 'Sam Lewis', role: 'viewer', specialty: null },
];

/** Adds the demo users that are not there yet (by username); answers how many were added. */
export async function addDemoUsers(auth: AuthService): Promise<number> {
  const existing = new Set(auth.list().map((u) => u.username));
  let added = 0;
  for (const user of DEMO_USERS) {
    if (existing.has(user.username)) continue;
    await auth.create({ ...user, password: DEMO_PASSWORD });
    added += 1;
  }
  auth.markDemoUsers();
  return added;
}
