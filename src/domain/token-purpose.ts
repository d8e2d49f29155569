/**
 * What a token is for: a purpose in words and tags, given when it is created or requested, and
 * required by a policy that names a minimum length. Pure.
 */
import { DomainError } from './errors.js';
import type { EnforceableRule } from './policy-enforcement.js';

export const MAX_PURPOSE_LENGTH = 500;
export const MAX_TAGS = 20;
const TAG = /^[a-z0-9][a-z0-9._:-]{0,49}$/;

export interface Purpose {
  purpose: string | null;
  tags: string[];
}

/** Trims the purpose (empty: none) and checks the tags: lower case, 1-50 characters, at most 20. */
export function cleanPurpose(input: { purpose?: string | null | undefined; tags?: readonly string[] | undefined }): Purpose {
  const purpose = input.purpose?.trim() || null;
  if (purpose !== null && purpose.length > MAX_PURPOSE_LENGTH) throw new DomainError('VALIDATION_FAILED', `The purpose must hold at most ${MAX_PURPOSE_LENGTH} characters.`);
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()))];
  if (tags.length > MAX_TAGS) throw new DomainError('VALIDATION_FAILED', `At most ${MAX_TAGS} tags.`);
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined) throw new DomainError('VALIDATION_FAILED', `"${bad.slice(0, 60)}" is not a valid tag: use lower-case letters, digits and . _ : - (1-50 characters).`);
  return { purpose, tags };
}

/** Refuses a purpose shorter than the governing policy's minimum (none required when it is 0). */
export function assertPurposeWithinPolicy(enforceable: EnforceableRule, purpose: string | null): void {
  const min = enforceable.rule.purposeMinLength ?? 0;
  if (min > 0 && (purpose ?? '').length < min) {
    throw new DomainError('PURPOSE_REQUIRED', `The policy "${enforceable.policyName}" requires a purpose of at least ${min} characters: say what the token is for.`);
  }
}
