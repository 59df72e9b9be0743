import { describe, expect, it } from 'vitest';
import { allPages, CursorTrail } from './pages';

describe('allPages', () => {
  it('follows nextCursor until it is null and keeps the server order', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      first: { items: [1, 2], nextCursor: 'b' }, b: { items: [3, 4], nextCursor: 'c' }, c: { items: [5], nextCursor: null },
    };
    const asked: (string | undefined)[] = [];
    const items = await allPages(async (cursor) => { asked.push(cursor); return pages[cursor ?? 'first']; });
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });

  it('stops after maxPages even if the server keeps answering with a cursor', async () => {
    let calls = 0;
    const items = await allPages(async () => { calls++; return { items: ['x'], nextCursor: 'again' }; }, 3);
    expect([calls, items.length]).toEqual([3, 3]);
  });
});

describe('CursorTrail', () => {
  it('goes forward with the server cursors and back to the pages already seen', () => {
    const start = new CursorTrail();
    expect([start.current, start.hasPrevious]).toEqual([undefined, false]);
    const third = start.next('c2').next('c3');
    expect([third.current, third.hasPrevious]).toEqual(['c3', true]);
    expect(third.previous().current).toBe('c2');
    expect(third.previous().previous().current).toBeUndefined();
    expect(third.first().trail).toEqual([]);
  });
});
