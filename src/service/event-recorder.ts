/**
 * Helpers the token-changing services call to raise the events inside their own
 * transactions (docs/architecture.md "Where tokens change status"; docs/events.md).
 */
import { tokenRef, type ActorRef, type NewEvent } from '../domain/events.js';
import type { Token } from '../domain/models.js';
import type { Stores } from '../store/stores.js';

export function actorRef(actor: { actorType: ActorRef['type']; actorId: string | null }): ActorRef {
  return { type: actor.actorType, id: actor.actorId };
}

/**
 * One `token.revoked` (or `admin_key.revoked`) event per token, for tokens just revoked in the
 * caller's transaction. Loads the tokens in bounded chunks (no N+1 reads).
 */
export async function recordRevocations(tx: Stores, orgId: string, tokenIds: readonly string[], actor: ActorRef, reason: string, at: Date): Promise<void> {
  if (tokenIds.length === 0) return;
  const tokens = await tx.hygiene.tokensByIds(orgId, tokenIds);
  await recordRevocationsOf(tx, orgId, tokenIds.flatMap((id) => tokens.get(id) ?? []), actor, reason, at);
}

/** `recordRevocations` for tokens the caller already holds (as a revoking statement returned them). */
export async function recordRevocationsOf(tx: Stores, orgId: string, tokens: readonly Token[], actor: ActorRef, reason: string, at: Date): Promise<void> {
  const events: NewEvent[] = [];
  for (const token of tokens) {
    if (token.kind === 'admin_key') {
      events.push({ orgId, type: 'admin_key.revoked', payload: { token: tokenRef(token), actor }, occurredAt: at });
    } else {
      events.push({ orgId, type: 'token.revoked', payload: { token: tokenRef(token), actor, reason }, occurredAt: at });
    }
  }
  // One multi-row insert per 500 events: a bulk revoke's batch is a few statements, not one per token.
  await tx.events.recordMany(events);
}

/** Ids of a service account's unrevoked tokens, read before a revoke-all so each gets its event. */
export async function unrevokedTokenIdsOfAccount(tx: Stores, orgId: string, serviceAccountId: string): Promise<string[]> {
  return tx.hygiene.unrevokedIdsOfServiceAccount(orgId, serviceAccountId);
}
