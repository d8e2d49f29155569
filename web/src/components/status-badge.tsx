import type { LifecycleStatus, OwnerKind } from '../api/types.ts';

const STATUS_WORDS: Record<string, string> = {
  active: 'Active',
  suspended: 'Suspended',
  expired: 'Expired',
  revoked: 'Revoked',
  deactivated: 'Deactivated',
  ACTIVE: 'Active',
  INACTIVE: 'Inactive',
  pending: 'Pending',
  enabled: 'Enabled',
  disabled: 'Disabled',
  approved: 'Approved',
  denied: 'Denied',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  delivering: 'Delivering',
  dead: 'Dead letter',
};

export function StatusBadge({ status }: { status: LifecycleStatus | string }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{STATUS_WORDS[status] ?? status}</span>;
}

export const OWNER_KIND_WORDS: Record<OwnerKind, string> = { user: 'Member', 'service-account': 'Service account', 'admin-key': 'Admin API key' };
export const STATUS_LABELS: Record<LifecycleStatus, string> = { active: 'Active', suspended: 'Suspended', expired: 'Expired', revoked: 'Revoked' };
