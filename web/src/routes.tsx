/**
 * The console's pages, in one list: the router and the navigation both read it.
 */
import type { ReactNode } from 'react';
import type { Role } from './api/types.ts';
import { MyAccountPage } from './pages/my-account.tsx';
import { RetrieveTokenPage } from './pages/retrieve-token.tsx';
import { ApprovalsPage } from './pages/approvals.tsx';
import { AuditLogPage } from './pages/audit-log.tsx';
import { ConnectorsPage } from './pages/connectors.tsx';
import { InventoryPage } from './pages/inventory.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PeoplePage } from './pages/people.tsx';
import { PoliciesPage } from './pages/policies.tsx';
import { PolicyEditorPage } from './pages/policy/policy-editor.tsx';
import { AutomationPage } from './pages/automation/automation.tsx';
import { SettingsPage } from './pages/settings/settings.tsx';
import { ServiceAccountPage } from './pages/service-account.tsx';
import { ServiceAccountsPage } from './pages/service-accounts.tsx';
import { TokenDetailPage } from './pages/token-detail.tsx';

/** Who is signed in: a person's role, or an org admin API key. */
export type Viewer = Role | 'admin-key';

/**
 * Who sees a page in the navigation, after the roles and their rights: owners,
 * admins and keys everything, auditors every read, approvers the queue, members their own account.
 * The server decides in the end; a page reached anyway says "not allowed" in words.
 */
const READERS: readonly Viewer[] = ['owner', 'admin', 'auditor', 'admin-key'];
const APPROVERS: readonly Viewer[] = ['owner', 'admin', 'auditor', 'approver', 'admin-key'];
const EVERYONE: readonly Viewer[] = ['owner', 'admin', 'auditor', 'approver', 'member', 'admin-key'];

export interface ConsoleRoute {
  path: string;
  /** Shown in the navigation when set. */
  navLabel?: string;
  title: string;
  element: ReactNode;
  viewers: readonly Viewer[];
}

/** Where a viewer lands after sign-in (and at `/` when the overview is not theirs). */
export function homeOf(viewer: Viewer): string {
  if (READERS.includes(viewer)) return '/';
  return viewer === 'approver' ? '/approvals' : '/me';
}

/** Where a one-time token link opens (the link itself in the fragment: `/me/retrieve#twl_…`). */
export const RETRIEVE_PATH = '/me/retrieve';

export const SIGNED_IN_ROUTES: readonly ConsoleRoute[] = [
  { path: '/', navLabel: 'Overview', title: 'Overview', element: <OverviewPage />, viewers: READERS },
  { path: '/tokens', navLabel: 'Inventory', title: 'Token inventory', element: <InventoryPage />, viewers: READERS },
  { path: '/tokens/:tokenId', title: 'Token', element: <TokenDetailPage />, viewers: READERS },
  { path: '/approvals', navLabel: 'Approvals', title: 'Approvals', element: <ApprovalsPage />, viewers: APPROVERS },
  { path: '/policies', navLabel: 'Policies', title: 'Policies', element: <PoliciesPage />, viewers: READERS },
  { path: '/policies/new', title: 'New policy', element: <PolicyEditorPage />, viewers: READERS },
  { path: '/policies/:policyId', title: 'Edit policy', element: <PolicyEditorPage />, viewers: READERS },
  { path: '/people', navLabel: 'People', title: 'People', element: <PeoplePage />, viewers: READERS },
  { path: '/service-accounts', navLabel: 'Service accounts', title: 'Service accounts', element: <ServiceAccountsPage />, viewers: READERS },
  { path: '/service-accounts/:serviceAccountId', title: 'Service account', element: <ServiceAccountPage />, viewers: READERS },
  { path: '/connectors', navLabel: 'Connectors', title: 'Connectors', element: <ConnectorsPage />, viewers: READERS },
  { path: '/audit-log', navLabel: 'Audit log', title: 'Audit log', element: <AuditLogPage />, viewers: READERS },
  { path: '/automation', navLabel: 'Automation', title: 'Automation', element: <AutomationPage />, viewers: READERS },
  { path: '/settings', navLabel: 'Settings', title: 'Settings', element: <SettingsPage />, viewers: READERS },
  { path: '/me', navLabel: 'My tokens', title: 'My tokens', element: <MyAccountPage />, viewers: EVERYONE },
  { path: RETRIEVE_PATH, title: 'Open a one-time link', element: <RetrieveTokenPage />, viewers: EVERYONE },
];

/** Pages reached without signing in: sign-in itself and the one-time links. */
export const LINK_PAGES = { setup: '/setup', invite: '/invite', resetPassword: '/reset-password', signIn: '/sign-in' } as const;
