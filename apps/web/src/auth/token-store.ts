/** Access and refresh tokens survive a reload in localStorage; the access token lives 15 minutes. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const STORAGE_KEY = 'xietong.tokens';

export const tokenStore = {
  read(): TokenPair | null {
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      return stored ? (JSON.parse(stored) as TokenPair) : null;
    } catch {
      return null;
    }
  },
  write(tokens: TokenPair): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  },
  clear(): void {
    localStorage.removeItem(STORAGE_KEY);
  },
};
