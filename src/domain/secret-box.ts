/**
 * Encryption of secrets Tokenward must read back (an OIDC client secret, the SSO flow's state
 * cookie): AES-256-GCM under a key derived from the pepper with HKDF, one key per purpose, so a
 * value sealed for one purpose never opens as another. Output: `v1.<iv>.<ciphertext>.<tag>`, base64url.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Pepper } from './token-digest.js';

/** `webhook-secret` and `smtp-password`: the webhook signing secrets and SMTP passwords. */
export type SecretPurpose = 'sso-client-secret' | 'sso-flow-state' | 'webhook-secret' | 'smtp-password' | 'connector-credential' | 'upstream-oauth-token' | 'upstream-oauth-flow';

export interface SecretBox {
  seal(plaintext: string): string;
  /** null when the value was not sealed by this box (tampered, other pepper, other purpose). */
  open(sealed: string): string | null;
}

export function createSecretBox(pepper: Pepper, purpose: SecretPurpose): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', pepper, Buffer.alloc(0), `tokenward:${purpose}:v1`, 32));
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== 'v1') return null;
      try {
        const iv = Buffer.from(parts[1]!, 'base64url');
        const tag = Buffer.from(parts[3]!, 'base64url');
        if (iv.length !== 12 || tag.length !== 16) return null;
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(parts[2]!, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
