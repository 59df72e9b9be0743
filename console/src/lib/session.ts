// The API key lives in session storage only: closing the tab signs out, and nothing persists on disk.
const KEY = 'pnm.apiKey';
export const session = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (token: string) => sessionStorage.setItem(KEY, token.trim()),
  clear: () => sessionStorage.removeItem(KEY),
};

/** A key is an admin token (adm_…) or an API key (pnm_…); anything else is not worth a round trip. */
export const looksLikeKey = (token: string) => /^(adm|pnm)_[A-Za-z0-9_-]{8,}$/.test(token.trim());
