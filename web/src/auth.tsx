/** The signed-in user, shared by every page, and the policy subject built from it. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Me } from '../../src/modules/auth/schema.ts';
import type { Subject } from '../../src/platform/policies.ts';
import { api, isApiError, setApiHooks, setSession, type ApiError } from './api.ts';

/** Why the login page is shown, when it is not simply the first visit. */
export type LoginNotice = 'sessionExpired' | 'signedOut' | 'signedOutEverywhere';

interface AuthContextValue {
  me: Me | null;
  /** The first /api/me is still under way. */
  booting: boolean;
  /** The first /api/me failed for a reason other than "not signed in". */
  bootError: ApiError | Error | null;
  retryBoot: () => void;
  subject: Subject | null;
  notice: LoginNotice | null;
  clearNotice: () => void;
  /** Adopt the user returned by login. */
  signedIn: (me: Me) => void;
  /** Re-read /api/me (after a password change, say). */
  refresh: () => Promise<Me | null>;
  /** Sign out on the server (best effort) and forget the user. */
  logout: (notice?: LoginNotice) => Promise<void>;
  /** Forget the user without calling the server (it already ended the session). */
  forget: (notice?: LoginNotice) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function subjectOf(me: Me): Subject {
  return { role: me.role, scope: me.scope, unitId: me.unit.id, unitPath: me.unit.path };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [booting, setBooting] = useState(true);
  const [bootError, setBootError] = useState<ApiError | Error | null>(null);
  const [notice, setNotice] = useState<LoginNotice | null>(null);
  const [bootTick, setBootTick] = useState(0);

  const meRef = useRef<Me | null>(null);

  const setMe = useCallback((next: Me | null) => {
    meRef.current = next;
    setSession(next);
    setMeState(next);
  }, []);

  useEffect(() => {
    setApiHooks({
      onSessionLost: () => {
        if (meRef.current) setNotice('sessionExpired');
        setMe(null);
      },
      onPasswordChangeRequired: () => {
        const current = meRef.current;
        if (current && !current.mustChangePassword) setMe({ ...current, mustChangePassword: true });
      },
    });
  }, [setMe]);

  useEffect(() => {
    let cancelled = false;
    setBooting(true);
    setBootError(null);
    api
      .me()
      .then((m) => {
        if (!cancelled) setMe(m);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        if (isApiError(e) && e.status === 401) {
          setMe(null);
          // A cookie that outlived its session: say so instead of silently showing the login.
          if (e.code === 'SESSION_EXPIRED') setNotice('sessionExpired');
        }
        else setBootError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        if (!cancelled) setBooting(false);
      });
    return () => {
      cancelled = true;
    };
  }, [bootTick, setMe]);

  const refresh = useCallback(async () => {
    try {
      const m = await api.me();
      setMe(m);
      return m;
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        setMe(null);
        return null;
      }
      throw e;
    }
  }, [setMe]);

  const forget = useCallback(
    (n?: LoginNotice) => {
      setMe(null);
      setNotice(n ?? null);
    },
    [setMe],
  );

  const logout = useCallback(
    async (n?: LoginNotice) => {
      try {
        await api.logout();
      } catch {
        /* the session may already be gone; forget it here regardless */
      }
      forget(n ?? 'signedOut');
    },
    [forget],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      me,
      booting,
      bootError,
      retryBoot: () => setBootTick((n) => n + 1),
      subject: me ? subjectOf(me) : null,
      notice,
      clearNotice: () => setNotice(null),
      signedIn: (m) => {
        setNotice(null);
        setMe(m);
      },
      refresh,
      logout,
      forget,
    }),
    [me, booting, bootError, notice, refresh, logout, forget, setMe],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** For pages behind the login: the user is known to be present there. */
export function useMe(): { me: Me; subject: Subject } {
  const { me, subject } = useAuth();
  if (!me || !subject) throw new Error('useMe without a signed-in user');
  return { me, subject };
}
