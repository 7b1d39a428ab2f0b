/**
 * Leaving unsaved edits asks first (issue 12, item 11): one guard for every in-app navigation, whatever starts it
 * (navigate(), a link, the browser's back and forward buttons, a typed address). Forms register whether they are
 * dirty (useUnsavedGuard); while one is, a navigation waits as `pending` until the user leaves or stays. Pure: the
 * page's address is reached through `GuardHost`, so the decisions are unit-tested without a browser.
 */

export interface GuardHost {
  /** The address's fragment now (`#/cases/3`). */
  readHash(): string;
  /** Goes to a fragment as a navigation (a hashchange follows). */
  writeHash(hash: string): void;
  /** Puts a fragment back in the address bar without a hashchange (the browser already moved: back, forward). */
  restoreHash(hash: string): void;
}

export interface PendingLeave {
  /** Where the user wanted to go. */
  target: string;
  /** What would be lost: the labels of the dirty forms. */
  labels: string[];
}

interface GuardedForm {
  label: string;
  isDirty: () => boolean;
}

/** '' and '#' are the home screen either way. */
const norm = (hash: string) => (hash === '#' ? '' : hash);

export class NavigationGuard {
  private readonly forms = new Map<number, GuardedForm>();
  private nextId = 1;
  private accepted: string;
  private pending: PendingLeave | null = null;
  /** A navigation the user already allowed (or that needed no asking): its hashchange goes through. */
  private allowed: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly host: GuardHost) {
    this.accepted = norm(host.readHash());
  }

  /** A form says whether it holds unsaved edits; the returned function unregisters it. */
  register(label: string, isDirty: () => boolean): () => void {
    const id = this.nextId++;
    this.forms.set(id, { label, isDirty });
    return () => {
      this.forms.delete(id);
    };
  }

  dirtyLabels(): string[] {
    return [...new Set([...this.forms.values()].filter((f) => f.isDirty()).map((f) => f.label))];
  }

  /** The fragment the screen shows (the last navigation that went through). */
  current(): string {
    return this.accepted;
  }

  getPending(): PendingLeave | null {
    return this.pending;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * An in-app navigation (navigate(), a link): asks first when a form is dirty, unless `force` (the form was just
   * saved). Returns whether it went.
   */
  go(target: string, options: { force?: boolean } = {}): boolean {
    const to = norm(target);
    if (to === this.accepted) return true;
    const labels = this.dirtyLabels();
    if (labels.length > 0 && !options.force) {
      this.setPending({ target: to, labels });
      return false;
    }
    this.allowed = to;
    this.host.writeHash(to);
    return true;
  }

  /** The address changed (hashchange). Returns whether the screen should follow it. */
  onHashChange(): boolean {
    const now = norm(this.host.readHash());
    if (now === this.accepted) return false;
    const labels = this.dirtyLabels();
    if (this.allowed === now || labels.length === 0) {
      this.allowed = null;
      this.accepted = now;
      this.setPending(null);
      return true;
    }
    // The browser already moved (back button, typed address): put the form's address back, then ask.
    this.host.restoreHash(this.accepted);
    this.setPending({ target: now, labels });
    return false;
  }

  /** "Leave without saving": goes where the user wanted; the edits are dropped with the form. */
  leave(): void {
    const target = this.pending?.target;
    this.setPending(null);
    if (target === undefined) return;
    this.allowed = target;
    this.host.writeHash(target);
  }

  /** "Cancel": stays on the form, edits kept. */
  stay(): void {
    this.setPending(null);
  }

  private setPending(pending: PendingLeave | null): void {
    this.pending = pending;
    for (const l of this.listeners) l();
  }

  /** Emitted after a navigation went through, for the route's subscribers. */
  notify(): void {
    for (const l of this.listeners) l();
  }
}
