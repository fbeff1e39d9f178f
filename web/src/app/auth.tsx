import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onUnauthenticated, ProblemError } from './api.ts';

export const ROLES = ['customer', 'reviewer', 'photo_agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user (`UserView` of src/modules/accounts/accounts.schema.ts). */
export interface User {
  id: string;
  accountNo: string;
  email: string;
  role: Role;
  displayName: string;
}

interface AuthState {
  user: User | null;
  loading: boolean;
  /** The user signed out on purpose in this tab: guards send to sign-in without remembering the page. */
  signedOut: boolean;
  signIn(email: string, password: string): Promise<User>;
  signUp(input: { email: string; password: string; displayName?: string }): Promise<User>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);
export const ME_KEY = ['auth', 'me'] as const;

/** The session lives in an HttpOnly cookie; the browser learns who it is from GET /api/v1/auth/me. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [signedOut, setSignedOut] = useState(false);
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<User>('GET', '/api/v1/auth/me');
      } catch (err) {
        if (err instanceof ProblemError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (qc.getQueryData(ME_KEY)) qc.setQueryData(ME_KEY, null);
      }),
    [qc],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const user = await api<User>('POST', '/api/v1/auth/sign-in', { email, password });
      // another account's cached data must never show through (the session query itself stays observed)
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, user);
      setSignedOut(false);
      return user;
    },
    [qc],
  );

  const signUp = useCallback(
    async (input: { email: string; password: string; displayName?: string }) => {
      await api<User>('POST', '/api/v1/auth/sign-up', input);
      return signIn(input.email, input.password);
    },
    [signIn],
  );

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/api/v1/auth/sign-out');
    } finally {
      setSignedOut(true);
      qc.setQueryData(ME_KEY, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    }
  }, [qc]);

  const value = useMemo<AuthState>(
    () => ({ user: me.data ?? null, loading: me.isPending, signedOut, signIn, signUp, signOut }),
    [me.data, me.isPending, signedOut, signIn, signUp, signOut],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Where each role lands after signing in. */
export function homeOf(role: Role): string {
  if (role === 'customer') return '/console';
  if (role === 'admin') return '/admin';
  return '/review';
}
