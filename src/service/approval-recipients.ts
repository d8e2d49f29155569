/**
 * Who is mailed about a token request waiting for a decision (filed, or reminded): the approvers
 * of the requester's groups, as the approval queues route it (team leads decide their own team's
 * requests); when none of those groups has approvers, or none of them is active any more, the
 * org's approvers (people whose role approves). Never the requester: nobody decides their own.
 */
import type { DomainEvent } from '../domain/events.js';
import { adminScopesOfRole } from '../domain/roles.js';
import { approvalRouteOf } from '../domain/token-request.js';
import type { UserRole } from '../domain/models.js';
import type { Stores } from '../store/stores.js';

export interface StaffMember {
  id: string;
  orgId: string;
  role: string;
  email: string;
}

const approvesAsOrg = (person: StaffMember) => adminScopesOfRole(person.role as UserRole).includes('approve:token-requests:admin');

/** The addresses to mail for each approval event, by event id (a few queries for the whole batch). */
export async function approvalRecipients(tx: Stores, events: readonly DomainEvent[], staff: readonly StaffMember[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (events.length === 0) return out;
  const approvalIdOf = (event: DomainEvent) => String((event.payload as { approvalId?: unknown }).approvalId ?? '');
  const requests = await tx.tokenRequests.requestersOf([...new Set(events.map(approvalIdOf))]);
  const requesterOf = (event: DomainEvent): string | null => {
    const found = requests.get(approvalIdOf(event));
    return found && found.orgId === event.orgId ? found.requesterId : null;
  };

  const requestersByOrg = new Map<string, Set<string>>();
  for (const event of events) {
    const requesterId = requesterOf(event);
    if (requesterId) requestersByOrg.set(event.orgId, (requestersByOrg.get(event.orgId) ?? new Set()).add(requesterId));
  }
  const routes = new Map<string, ReturnType<typeof approvalRouteOf>>();
  for (const [orgId, requesterIds] of requestersByOrg) {
    const groups = await tx.groupApprovers.groupsOfUsers(orgId, [...requesterIds]);
    for (const [requesterId, ofRequester] of groups) routes.set(`${orgId}/${requesterId}`, approvalRouteOf(ofRequester));
  }
  const teamApproverIds = [...routes.values()].flatMap((route) => (route.to === 'group' ? route.approverIds : []));
  const activeEmails = await tx.hygiene.activeUserEmails([...new Set(teamApproverIds)]);

  for (const event of events) {
    const requesterId = requesterOf(event);
    const route = requesterId ? routes.get(`${event.orgId}/${requesterId}`) : undefined;
    let emails: string[] = [];
    if (route?.to === 'group') {
      emails = route.approverIds.filter((id) => id !== requesterId).flatMap((id) => activeEmails.get(id) ?? []);
    }
    if (emails.length === 0) {
      emails = staff.filter((person) => person.orgId === event.orgId && person.id !== requesterId && approvesAsOrg(person)).map((person) => person.email);
    }
    out.set(event.id, [...new Set(emails)]);
  }
  return out;
}
