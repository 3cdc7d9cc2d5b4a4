import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, SESSION_EXPIRED_EVENT } from '../api/client';
import { Me } from '../api/types';
import { TokenPair, tokenStore } from './token-store';

interface AuthContextValue {
  /** Undefined while the stored session is being checked; null when signed out. */
  me: Me | null | undefined;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(tokenStore.read() ? undefined : null);

  useEffect(() => {
    if (!tokenStore.read()) return;
    api<Me>('/api/me').then(setMe, () => {
      tokenStore.clear();
      setMe(null);
    });
  }, []);

  useEffect(() => {
    const signedOut = () => setMe(null);
    window.addEventListener(SESSION_EXPIRED_EVENT, signedOut);
    return () => window.removeEventListener(SESSION_EXPIRED_EVENT, signedOut);
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const tokens = await api<TokenPair>('/api/auth/login', { method: 'POST', body: { email, password } });
    tokenStore.write(tokens);
    setMe(await api<Me>('/api/me'));
  }, []);

  const logout = useCallback(async () => {
    const tokens = tokenStore.read();
    // Revoking the refresh token is best effort: signing out locally must work offline too.
    if (tokens) await api('/api/auth/logout', { method: 'POST', body: { refreshToken: tokens.refreshToken } }).catch(() => undefined);
    tokenStore.clear();
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, login, logout }), [me, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

/** The signed-in user; only for screens behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside a signed-in route');
  return me;
}
