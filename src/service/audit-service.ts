import { newId } from '../domain/ids.js';
import type { Clock } from '../domain/clock.js';
import type { AuditEntry } from '../domain/models.js';
import type { AuditStore } from '../store/audit-store.js';

export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'details' | 'targetType' | 'targetId' | 'ip'> &
  Partial<Pick<AuditEntry, 'details' | 'targetType' | 'targetId' | 'ip'>>;

/** Builds a complete audit entry; callers append it in the same transaction as the change it records. */
export function auditEntry(input: AuditInput, clock: Clock): AuditEntry {
  return {
    id: newId('aud'),
    at: clock(),
    targetType: null,
    targetId: null,
    ip: null,
    details: {},
    ...input,
  };
}

export async function appendAudit(store: AuditStore, input: AuditInput, clock: Clock): Promise<void> {
  await store.append(auditEntry(input, clock));
}
