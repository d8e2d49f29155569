/**
 * Secrets Tokenward must recover (webhook signing secrets, SMTP passwords) are encrypted at rest
 * with AES-256-GCM under a key derived from the pepper, so a database dump alone reveals none of
 * them. Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The `purpose` is bound as
 * associated data, so a webhook secret's ciphertext cannot be replayed as an SMTP password.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export type SecretKey = Buffer;

export function deriveSecretKey(pepper: Buffer): SecretKey {
  return createHmac('sha256', pepper).update('tokenward:secret-box:v1').digest();
}

export function sealSecret(key: SecretKey, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Throws when the text was not sealed with this key and purpose (e.g. the pepper changed). */
export function openSecret(key: SecretKey, purpose: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
