// Lists of the API page with opaque cursors (`nextCursor`, null on the last page). A view that needs a whole list
// (the home's worklists, the transfer board) follows them; a table shows one page at a time (`useCursorPages`).

/** Every item, page after page, until `nextCursor` is null; at most `maxPages` pages, so a runaway list cannot hang a view. */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>, maxPages = 50): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}

/**
 * The cursors of the pages seen so far, for "first / previous / next" buttons: the server's cursors are opaque and only
 * go forward, so going back means remembering them. `undefined` is the first page.
 */
export class CursorTrail {
  constructor(readonly trail: readonly string[] = []) {}
  get current(): string | undefined { return this.trail[this.trail.length - 1]; }
  get hasPrevious(): boolean { return this.trail.length > 0; }
  next(cursor: string): CursorTrail { return new CursorTrail([...this.trail, cursor]); }
  previous(): CursorTrail { return new CursorTrail(this.trail.slice(0, -1)); }
  first(): CursorTrail { return new CursorTrail(); }
}
