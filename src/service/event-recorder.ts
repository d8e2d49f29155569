/**
 * Helpers the token-changing services call to raise the events inside their own
 * transactions (docs/architecture.md "Where tokens change status"; docs/events.md).
 */
import { tokenRef, type ActorRef } from '../domain/events.js';
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
  for (const id of tokenIds) {
    const token = tokens.get(id);
    if (!token) continue;
    if (token.kind === 'admin_key') {
      await tx.events.record({ orgId, type: 'admin_key.revoked', payload: { token: tokenRef(token), actor }, occurredAt: at });
    } else {
      await tx.events.record({ orgId, type: 'token.revoked', payload: { token: tokenRef(token), actor, reason }, occurredAt: at });
    }
  }
}

/** Ids of a service account's unrevoked tokens, read before a revoke-all so each gets its event. */
export async function unrevokedTokenIdsOfAccount(tx: Stores, orgId: string, serviceAccountId: string): Promise<string[]> {
  return tx.hygiene.unrevokedIdsOfServiceAccount(orgId, serviceAccountId);
}
