/**
 * The signed-in frame: a skip link, the org and who is signed in, the navigation (a menu button on
 * phones), sign out. Focus moves to the page heading on navigation so screen readers hear it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { TokenRequestList } from '../api/types.ts';
import { useSession, useSignedIn } from '../auth/session.tsx';
import { SIGNED_IN_ROUTES } from '../routes.tsx';

/** How many requests wait for a decision (only asked for those who may decide): "3", or "100+". */
function usePendingCount(orgId: string): string | null {
  const pending = useQuery({
    queryKey: ['token-requests', orgId, 'pending', 'nav'],
    queryFn: () => api.get<TokenRequestList>(endpoints.tokenRequests(orgId), { status: 'pending', pageSize: 100 }),
    refetchInterval: 60_000,
  });
  const n = pending.data?.data.length ?? 0;
  if (n === 0) return null;
  return pending.data?.links.next ? `${n}+` : String(n);
}

/** Shown inside the link but hidden from its name, so the link stays "Approvals"… */
function PendingBadge({ orgId }: { orgId: string }) {
  const text = usePendingCount(orgId);
  return text ? (
    <span className="nav-count" aria-hidden="true">
      {text}
    </span>
  ) : null;
}

/** …and said as the link's description, from outside the link. */
function PendingDescription({ orgId }: { orgId: string }) {
  const text = usePendingCount(orgId);
  return (
    <span id="pending-count" className="visually-hidden">
      {text ? `${text} waiting for a decision` : ''}
    </span>
  );
}

const ROLE_WORDS: Record<string, string> = { owner: 'Owner', admin: 'Admin', approver: 'Approver', auditor: 'Auditor', member: 'Member', 'admin-key': 'API key' };

export function Shell({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const { signOut } = useSession();
  const location = useLocation();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    setMenuOpen(false);
    const heading = mainRef.current?.querySelector('h1');
    if (heading instanceof HTMLElement) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [location.pathname]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            T
          </span>
          <span className="brand-name">Tokenward</span>
          {signedIn.orgName && (
            <span className="org-name" title="Organization">
              {signedIn.orgName}
            </span>
          )}
        </div>
        <button type="button" className="menu-button" aria-expanded={isMenuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((open) => !open)}>
          Menu
        </button>
        <div className="whoami">
          <span className="whoami-name">{signedIn.who.name}</span>
          <span className="role-chip">{ROLE_WORDS[signedIn.who.role] ?? signedIn.who.role}</span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <div className="layout">
        <nav id="main-nav" className={`sidenav${isMenuOpen ? ' is-open' : ''}`} aria-label="Main">
          <ul>
            {SIGNED_IN_ROUTES.filter((route) => route.navLabel && route.viewers.includes(signedIn.who.role)).map((route) => (
              <li key={route.path}>
                <NavLink to={route.path} end={route.path === '/'} aria-describedby={route.path === '/approvals' ? 'pending-count' : undefined}>
                  {route.navLabel}
                  {route.path === '/approvals' && <PendingBadge orgId={signedIn.orgId} />}
                </NavLink>
                {route.path === '/approvals' && <PendingDescription orgId={signedIn.orgId} />}
              </li>
            ))}
          </ul>
          <p className="nav-foot">
            <a href="/docs">API reference</a>
          </p>
        </nav>
        <main id="main" ref={mainRef} className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
