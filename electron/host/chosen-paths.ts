import { randomBytes } from 'node:crypto';
import { DomainError } from '../services/errors';

/**
 * Files and folders the user chose in the desktop app (a file dialog or a drop), each behind an opaque,
 * single-use token. Only the preload makes these: it turns File objects the user handed the page into paths
 * (webUtils.getPathForFile, which a page cannot fake) and sends them over GRANT_PATHS_CHANNEL. The page then names
 * what to import by token, so it can import what the user chose and nothing else: no path ever comes from the page.
 * The web host never makes any (it imports uploads), so there `imaging:importPaths` finds nothing.
 */
/** A grant not used within this long is forgotten. */
const LIFETIME_MS = 10 * 60_000;

export class ChosenPaths {
  private readonly grants = new Map<string, { path: string; until: number }>();

  grant(paths: readonly string[], now = Date.now()): string[] {
    this.forgetExpired(now);
    return paths.map((p) => {
      // 22 characters of base64url: the form shared/contract/imaging.ts accepts.
      const token = randomBytes(16).toString('base64url');
      this.grants.set(token, { path: p, until: now + LIFETIME_MS });
      return token;
    });
  }

  /** The paths behind the tokens, which are used up; refused whole when any is unknown or expired. */
  take(tokens: readonly string[], now = Date.now()): string[] {
    this.forgetExpired(now);
    const missing = tokens.filter((t) => !this.grants.has(t));
    if (missing.length > 0) {
      throw new DomainError(
        'not-found',
        'Choose the files again: the ones chosen are no longer available to import',
        'chosen',
      );
    }
    return tokens.map((t) => {
      const { path } = this.grants.get(t)!;
      this.grants.delete(t);
      return path;
    });
  }

  private forgetExpired(now: number): void {
    for (const [token, grant] of this.grants) if (grant.until < now) this.grants.delete(token);
  }
}
