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
