/**
 * Who is signed in, to which org, and how. On load the console asks the
 * server for a live session (the cookie); failing that, it looks for an admin API key kept in
 * this tab; failing that, it shows the sign-in page.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, request, setCredentials, setSignedOutHandler } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { OrgListResponse, OrgResponse, Role, SessionJson } from '../api/types.ts';

const KEY_STORAGE = 'tokenward.adminKey';

export interface SignedIn {
  how: 'session' | 'key';
  orgId: string;
  orgName: string;
  /** A person for a session; the key's display prefix for a key. */
  who: { name: string; email: string | null; role: Role | 'admin-key' };
}

interface SessionContextValue {
  state: { status: 'loading' } | { status: 'signed-out'; reason: string | null } | { status: 'signed-in'; signedIn: SignedIn };
  signInWithPassword(email: string, password: string): Promise<void>;
  signInWithKey(key: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The org's name, or '' for someone who may not read it (a member): never an id in its place. */
async function orgNameOf(orgId: string): Promise<string> {
  try {
    return (await request<OrgResponse>('GET', endpoints.org(orgId), { quietAuth: true })).data.attributes.name;
  } catch {
    return '';
  }
}

async function fromSession(session: SessionJson): Promise<SignedIn> {
  setCredentials({ kind: 'session', csrfToken: session.csrfToken });
  const { user } = session;
  // Only roles that read the org ask its name: no admin route is called on a member's behalf.
  const mayReadOrg = user.role === 'owner' || user.role === 'admin' || user.role === 'auditor';
  return { how: 'session', orgId: user.orgId, orgName: mayReadOrg ? await orgNameOf(user.orgId) : '', who: { name: user.name, email: user.email, role: user.role } };
}

async function fromKey(key: string): Promise<SignedIn> {
  setCredentials({ kind: 'key', key });
  const orgs = await request<OrgListResponse>('GET', endpoints.orgs, { quietAuth: true });
  const org = orgs.data[0];
  if (!org) throw new ApiError(403, 'FORBIDDEN', 'This key reaches no organization.', null);
  return { how: 'key', orgId: org.id, orgName: org.attributes.name, who: { name: `Admin API key ${key.slice(0, 10)}…`, email: null, role: 'admin-key' } };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionContextValue['state']>({ status: 'loading' });
  const queryClient = useQueryClient();

  const signedOut = useCallback(
    (reason: string | null) => {
      sessionStorage.removeItem(KEY_STORAGE);
      setCredentials({ kind: 'none' });
      queryClient.clear();
      setState({ status: 'signed-out', reason });
    },
    [queryClient],
  );

  useEffect(() => {
    setSignedOutHandler(() => signedOut('Your sign-in has ended. Sign in again.'));
    let isCancelled = false;
    (async () => {
      try {
        const session = await request<SessionJson>('GET', endpoints.session, { quietAuth: true });
        const signedIn = await fromSession(session);
        if (!isCancelled) setState({ status: 'signed-in', signedIn });
        return;
      } catch {
        // No session (or no sign-in API on this server): try a key kept in this tab.
      }
      const key = sessionStorage.getItem(KEY_STORAGE);
      if (key) {
        try {
          const signedIn = await fromKey(key);
          if (!isCancelled) setState({ status: 'signed-in', signedIn });
          return;
        } catch {
          sessionStorage.removeItem(KEY_STORAGE);
        }
      }
      setCredentials({ kind: 'none' });
      if (!isCancelled) setState({ status: 'signed-out', reason: null });
    })();
    return () => {
      isCancelled = true;
      setSignedOutHandler(null);
    };
  }, [signedOut]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      async signInWithPassword(email, password) {
        const session = await request<SessionJson>('POST', endpoints.login, { body: { email, password }, quietAuth: true });
        setState({ status: 'signed-in', signedIn: await fromSession(session) });
      },
      async signInWithKey(key) {
        try {
          const signedIn = await fromKey(key.trim());
          sessionStorage.setItem(KEY_STORAGE, key.trim());
          setState({ status: 'signed-in', signedIn });
        } catch (error) {
          setCredentials({ kind: 'none' });
          throw error;
        }
      },
      async signOut() {
        if (state.status === 'signed-in' && state.signedIn.how === 'session') {
          await request('POST', endpoints.logout, { quietAuth: true }).catch(() => undefined);
        }
        signedOut(null);
      },
    }),
    [state, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in admin; only for pages rendered inside the signed-in shell. */
export function useSignedIn(): SignedIn {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn while not signed in');
  return state.signedIn;
}
