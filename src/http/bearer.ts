/**
 * The one reading of an `Authorization: Bearer <credential>` header. Services take the credential
 * itself (or undefined when the header is missing or not Bearer) and judge it; the HTTP framing
 * stays here.
 */
const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerCredential(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  return BEARER.exec(authorization)?.[1];
}
