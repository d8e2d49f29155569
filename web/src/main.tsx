import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/http.ts';
import { SessionProvider, useSession } from './auth/session.tsx';
import { Loading } from './components/feedback.tsx';
import { Shell } from './components/shell.tsx';
import { NotForYourRolePage, NotFoundPage } from './pages/not-found.tsx';
import { SetPasswordPage } from './pages/set-password.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { PENDING_LINK_KEY } from './pages/retrieve-token.tsx';
import { LINK_PAGES, RETRIEVE_PATH, SIGNED_IN_ROUTES, homeOf } from './routes.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A refusal will not change by asking again; a dropped connection might.
      retry: (failures, error) => failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

function Titled({ title, children }: { title: string; children: React.ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Tokenward`;
  }, [title]);
  return <>{children}</>;
}

/** Only a path of this console: never another site (`//evil.example`) after sign-in. */
function safeNext(search: string, home: string): string {
  const next = new URLSearchParams(search).get('next') ?? home;
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : home;
}

function App() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading label="Opening the console…" />;
  if (state.status === 'signed-out') {
    // A one-time link rides in the fragment, which the sign-in redirect drops: keep it for this tab.
    if (location.pathname === RETRIEVE_PATH && location.hash.length > 1) window.sessionStorage.setItem(PENDING_LINK_KEY, location.hash.slice(1));
    return (
      <Routes>
        <Route path={LINK_PAGES.signIn} element={<Titled title="Sign in"><SignInPage /></Titled>} />
        <Route path={LINK_PAGES.setup} element={<Titled title="Set your password"><SetPasswordPage kind="owner_setup" /></Titled>} />
        <Route path={LINK_PAGES.invite} element={<Titled title="Accept your invitation"><SetPasswordPage kind="invite" /></Titled>} />
        <Route path={LINK_PAGES.resetPassword} element={<Titled title="Choose a new password"><SetPasswordPage kind="password_reset" /></Titled>} />
        <Route path="*" element={<Navigate to={`${LINK_PAGES.signIn}?next=${encodeURIComponent(location.pathname + location.search)}`} replace />} />
      </Routes>
    );
  }
  const viewer = state.signedIn.who.role;
  const home = homeOf(viewer);
  return (
    <Routes>
      <Route path={LINK_PAGES.signIn} element={<Navigate to={safeNext(location.search, home)} replace />} />
      {SIGNED_IN_ROUTES.map((route) =>
        route.path === '/' && home !== '/' ? (
          <Route key={route.path} path="/" element={<Navigate to={home} replace />} />
        ) : (
          <Route
            key={route.path}
            path={route.path}
            element={
              route.viewers.includes(viewer) ? (
                <Titled title={route.title}><Shell>{route.element}</Shell></Titled>
              ) : (
                // The page is never mounted, so none of its API calls leave the browser.
                <Titled title="Not available"><Shell><NotForYourRolePage home={home} /></Shell></Titled>
              )
            }
          />
        ),
      )}
      <Route path="*" element={<Titled title="Not found"><Shell><NotFoundPage /></Shell></Titled>} />
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
