/**
 * Revoking one token from the console. Until `DELETE .../tokens/{tokenId}` is on the
 * server, each kind goes through the Atlassian-compatible route that exists for it; a service
 * account's single token has none there, so it tries the general route and says so if it is missing.
 */
import { ApiError, api } from './http.ts';
import { endpoints } from './endpoints.ts';
import type { OrgTokenJson } from './types.ts';

export async function revokeToken(orgId: string, token: Pick<OrgTokenJson, 'id' | 'ownerKind' | 'owner'> & { source?: OrgTokenJson['source'] }): Promise<void> {
  // A connected system's token is revoked there, through its connector.
  if (token.source && 'connectorId' in token.source) {
    await api.delete(endpoints.connectorToken(orgId, token.source.connectorId, token.id));
    return;
  }
  try {
    // The general route revokes any kind, with the reason recorded; prefer it where it exists.
    await api.delete(endpoints.token(orgId, token.id));
    return;
  } catch (error) {
    if (!(error instanceof ApiError) || !error.isMissingRoute) throw error;
  }
  if (token.ownerKind === 'user' && token.owner) return api.delete(endpoints.revokeUserToken(token.owner.id, token.id));
  if (token.ownerKind === 'admin-key') return api.patch(endpoints.revokeAdminKey(orgId, token.id));
  throw new ApiError(404, 'NOT_FOUND', "This server cannot revoke a single service-account token yet; revoke all of the account's tokens instead.", null);
}
