import { describe, expect, it } from 'vitest';
import { match } from './router';
import { looksLikeKey } from './session';

describe('routes and keys', () => {
  it('matches patterns and decodes parameters', () => {
    expect(match('/patents/:number', '/patents/201710601862.3')).toEqual({ number: '201710601862.3' });
    expect(match('/pools/:id', '/pools/a/b')).toBeNull();
    expect(match('/deals/:id', '/deals/plg%5F1')).toEqual({ id: 'plg_1' });
  });
  it('recognises keys before a round trip', () => {
    expect(looksLikeKey(' pnm_abcdefgh1234 ')).toBe(true);
    expect(looksLikeKey('hello')).toBe(false);
  });
});
