import { replace } from './dom';
import { showError } from './errors';

/** One tab of the dashboard. */
export interface View {
  /** The tab's name in the address (`#talks`) and its element ids (`tab-talks`, `view-talks`). */
  readonly id: string;
  /** The view's name, in the document's title. */
  readonly title: string;
  /** The view becomes visible: it loads what it has not loaded. */
  show(): void;
  /** Another view becomes visible. */
  hide?(): void;
  /** The token changed: what was read with the old one is forgotten, and read again when the view shows. */
  reset(): void;
}

/** A view that reads what it shows when it is first shown, and again once the token changed. */
export abstract class LoadedOnShow {
  protected loaded = false;

  show(): void {
    if (!this.loaded) {
      void this.load(true);
    }
  }

  reset(): void {
    this.loaded = false;
  }

  /** Reads and shows the view's data; `first` when it is the first read since the token was set. */
  protected abstract load(first?: boolean): Promise<void>;
}

/**
 * The reads of one view's result: each marks the result busy while it runs, and one that a newer
 * read overtook shows neither its answer nor its failure. A failure empties the result and says why.
 */
export class ResultReads {
  private sequence = 0;

  constructor(private readonly result: HTMLElement, private readonly errors: HTMLElement, private readonly form?: HTMLElement) {}

  /** Begins a new read, overtaking every earlier one; what it returns says whether the new read is still the newest. */
  next(): () => boolean {
    const sequence = ++this.sequence;
    return () => sequence === this.sequence;
  }

  /** Runs `read` as the read `current` tells of; `onFailure` undoes what it drew (a chart) before its failure is shown. */
  async run(current: () => boolean, read: () => Promise<void>, onFailure?: () => void): Promise<void> {
    this.result.setAttribute('aria-busy', 'true');
    try {
      await read();
    } catch (error) {
      if (current()) {
        onFailure?.();
        replace(this.result);
        showError(this.errors, error, this.form);
      }
    } finally {
      if (current()) {
        this.result.removeAttribute('aria-busy');
      }
    }
  }
}
