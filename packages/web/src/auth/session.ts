/**
 * The signed-in API token, kept in sessionStorage: it lives as long as the browser tab and never reaches
 * localStorage or a cookie. Listeners hear when it changes (sign-in, sign-out, a 401 from the API).
 */
const KEY = 'patchbay.token';
const listeners = new Set<() => void>();

export const session = {
  token(): string | null {
    return sessionStorage.getItem(KEY);
  },
  signIn(token: string): void {
    sessionStorage.setItem(KEY, token);
    for (const l of listeners) l();
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
    for (const l of listeners) l();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
