/**
 * The console's pages, in one list (issue #9): the router and the navigation both read it. Pages of
 * APIs that are not on this server yet (my tokens, automation, settings) join the list when those
 * APIs land.
 */
import type { ReactNode } from 'react';
import { ApprovalsPage } from './pages/approvals.tsx';
import { AuditLogPage } from './pages/audit-log.tsx';
import { InventoryPage } from './pages/inventory.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PeoplePage } from './pages/people.tsx';
import { PoliciesPage } from './pages/policies.tsx';
import { ServiceAccountPage } from './pages/service-account.tsx';
import { ServiceAccountsPage } from './pages/service-accounts.tsx';
import { TokenDetailPage } from './pages/token-detail.tsx';

export interface ConsoleRoute {
  path: string;
  /** Shown in the navigation when set. */
  navLabel?: string;
  title: string;
  element: ReactNode;
}

export const SIGNED_IN_ROUTES: readonly ConsoleRoute[] = [
  { path: '/', navLabel: 'Overview', title: 'Overview', element: <OverviewPage /> },
  { path: '/tokens', navLabel: 'Inventory', title: 'Token inventory', element: <InventoryPage /> },
  { path: '/tokens/:tokenId', title: 'Token', element: <TokenDetailPage /> },
  { path: '/approvals', navLabel: 'Approvals', title: 'Approvals', element: <ApprovalsPage /> },
  { path: '/policies', navLabel: 'Policies', title: 'Policies', element: <PoliciesPage /> },
  { path: '/people', navLabel: 'People', title: 'People', element: <PeoplePage /> },
  { path: '/service-accounts', navLabel: 'Service accounts', title: 'Service accounts', element: <ServiceAccountsPage /> },
  { path: '/service-accounts/:serviceAccountId', title: 'Service account', element: <ServiceAccountPage /> },
  { path: '/audit-log', navLabel: 'Audit log', title: 'Audit log', element: <AuditLogPage /> },
];

/** Pages reached without signing in: sign-in itself and the one-time links of issue 5. */
export const LINK_PAGES = { setup: '/setup', invite: '/invite', resetPassword: '/reset-password', signIn: '/sign-in' } as const;
