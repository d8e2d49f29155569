/**
 * Leaked-token response: GitHub's secret-scanning partner programme reports public
 * matches of our token pattern. The signature over the raw body is checked before anything is read;
 * every Tokenward token named (prefix and checksum hold, digest found) is revoked at once, in one
 * short transaction, each with a `token.leaked` audit entry and a `token.leaked` outbox event, from
 * which the notifications work tells the owner and the org's admins (docs/leaked-tokens.md). The answer is the programme's
 * feedback list. Idempotent: a token reported again is labelled again but revoked and audited once.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { tokenRef } from '../domain/events.js';
import type { Token } from '../domain/models.js';
import {
  isValidSignature,
  leakRevocationReason,
  parseReport,
  tokenSha256Hex,
  type FeedbackItem,
  type ReportedMatch,
} from '../domain/secret-scanning.js';
import type { ScimToken } from '../domain/scim-token.js';
import { digestToken, type Pepper } from '../domain/token-digest.js';
import { parseToken } from '../domain/token-format.js';
import type { InstanceKey } from '../store/instance-key-store.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { GithubKeySource } from './github-key-source.js';
import type { TokenChangeBus } from './token-change-bus.js';

/** The audit action and outbox event (docs/events.md) of a leaked token's revocation. */
export const TOKEN_LEAKED_EVENT = 'token.leaked' as const;
export const SCIM_TOKEN_LEAKED_EVENT = 'scim_token.leaked' as const;
/** The instance audit's action for a leaked instance key (no org to send an event to). */
export const INSTANCE_KEY_LEAKED = 'instance_key.leaked' as const;
export const GITHUB_REPORTER = 'github-secret-scanning';

export interface SignatureHeaders {
  keyId: string | undefined;
  signature: string | undefined;
}

export interface ReportOutcome {
  feedback: FeedbackItem[];
  /** Tokens this report revoked (ids only: for logs); an instance key has no org. */
  revoked: Array<{ tokenId: string; orgId: string | null }>;
  truePositives: number;
}

export interface LeakedTokenServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  githubKeys: GithubKeySource;
  /** Told after each commit which tokens changed, for verification caches. */
  bus?: TokenChangeBus | undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The digest of a reported string when it is a well-formed Tokenward token, else null (no DB look-up),
 * and which table holds such tokens: SCIM tokens (`twp_`) and instance keys (`twi_`) live apart
 * from the inventory.
 */
function candidateOf(pepper: Pepper, text: string): { digest: string; table: 'tokens' | 'scim_tokens' | 'instance_keys' } | null {
  try {
    const parsed = parseToken(text);
    const table = parsed.kind === 'scim' ? 'scim_tokens' : parsed.kind === 'instance' ? 'instance_keys' : 'tokens';
    return { digest: digestToken(pepper, parsed.secret), table };
  } catch {
    return null;
  }
}

type FoundScimToken = { scimToken: ScimToken; match: ReportedMatch };

/** The credentials a report named, by table, each with the first match that named it. */
interface FoundCredentials {
  tokens: Map<string, { token: Token; match: ReportedMatch }>;
  scim: Map<string, FoundScimToken>;
  instance: Map<string, { key: InstanceKey; match: ReportedMatch }>;
}

/** Who reported a leak: the audit actor, the revocation reason and the words of the outbox event. */
interface LeakReporter {
  actorId: string;
  reporter: string;
  reason(match: ReportedMatch): string;
  source(match: ReportedMatch): string;
  details(match: ReportedMatch): Record<string, unknown>;
}

const GITHUB: LeakReporter = {
  actorId: GITHUB_REPORTER,
  reporter: 'github',
  reason: leakRevocationReason,
  source: (match) => `GitHub secret scanning (${match.source})`,
  details: (match) => ({ source: match.source, url: match.url || null, reportedType: match.type }),
};

/** The revoke-by-value endpoint's audit actor. */
export const BY_VALUE_REPORTER = 'revoke-by-value';
/** At most this many values in one revoke-by-value call. */
export const MAX_VALUES_PER_CALL = 1000;

function byValueReporter(ip: string | null): LeakReporter {
  return {
    actorId: BY_VALUE_REPORTER,
    reporter: BY_VALUE_REPORTER,
    reason: () => 'leaked: reported through revoke by value',
    source: () => 'a revoke-by-value report',
    details: () => ({ ip }),
  };
}

export function createLeakedTokenService(deps: LeakedTokenServiceDeps) {
  const { db, pepper, clock } = deps;
  const stores = createStores(db);

  async function checkSignature(rawBody: Buffer, headers: SignatureHeaders): Promise<void> {
    if (!headers.keyId || !headers.signature) {
      throw new DomainError('INVALID_SIGNATURE', 'The Github-Public-Key-Identifier and Github-Public-Key-Signature headers are required.');
    }
    const key = await deps.githubKeys.keyFor(headers.keyId);
    if (!key) throw new DomainError('INVALID_SIGNATURE', 'The signing key identifier is not one GitHub publishes.');
    if (!isValidSignature(key, rawBody, headers.signature)) throw new DomainError('INVALID_SIGNATURE', 'The signature does not match the body.');
  }

  async function revokeLeaked(credentials: FoundCredentials, by: LeakReporter): Promise<ReportOutcome['revoked']> {
    const { tokens: found, scim: foundScim, instance: foundInstance } = credentials;
    if (found.size === 0 && foundScim.size === 0 && foundInstance.size === 0) return [];
    const outcome = await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const revoked: ReportOutcome['revoked'] = [];
      const now = clock();
      // Token rows first, in id order, then the audit chains, in org order: a chain's lock is held
      // until commit, so taking it last (as every service does) and in one order cannot deadlock
      // with concurrent reports or with other services.
      const ordered = [...found.values()].sort((a, b) => compare(a.token.orgId, b.token.orgId) || compare(a.token.id, b.token.id));
      const revokedIds = new Set<string>();
      for (const { token, match } of [...ordered].sort((a, b) => compare(a.token.id, b.token.id))) {
        if (await tx.tokens.revoke(token.orgId, token.id, null, by.reason(match), now)) revokedIds.add(token.id);
      }
      const scimOrdered = [...foundScim.values()].sort((a, b) => compare(a.scimToken.id, b.scimToken.id));
      const revokedScim = new Set<string>();
      for (const { scimToken } of scimOrdered) {
        if (await tx.scimTokens.revoke(scimToken.orgId, scimToken.id, null, now)) revokedScim.add(scimToken.id);
      }
      const instanceOrdered = [...foundInstance.values()].sort((a, b) => compare(a.key.id, b.key.id));
      const revokedInstance = new Set<string>();
      for (const { key } of instanceOrdered) {
        if (await tx.instanceKeys.revoke(key.id, now)) revokedInstance.add(key.id);
      }
      // Audit entries last, org by org (see above), SCIM tokens after the org's inventory tokens.
      const scimByOrg = (orgId: string) => scimOrdered.filter((f) => f.scimToken.orgId === orgId && revokedScim.has(f.scimToken.id));
      const orgs = [...new Set([...ordered.map((f) => f.token.orgId), ...scimOrdered.map((f) => f.scimToken.orgId)])].sort(compare);
      for (const orgId of orgs) {
        for (const { token, match } of ordered) {
          if (token.orgId !== orgId || !revokedIds.has(token.id)) continue;
          revoked.push({ tokenId: token.id, orgId: token.orgId });
          await recordTokenLeak(tx, token, match, now, by);
        }
        for (const { scimToken, match } of scimByOrg(orgId)) {
          revoked.push({ tokenId: scimToken.id, orgId });
          await recordScimTokenLeak(tx, scimToken, match, now, by);
        }
      }
      // The instance chain after the org chains, as every transaction that touches both takes them.
      for (const { key, match } of instanceOrdered) {
        if (!revokedInstance.has(key.id)) continue;
        revoked.push({ tokenId: key.id, orgId: null });
        await tx.audit.append(
          auditEntry(
            { orgId: null, actorType: 'system', actorId: by.actorId, action: INSTANCE_KEY_LEAKED, targetType: 'instance_key', targetId: key.id, details: { label: key.label, reporter: by.reporter, ...by.details(match) } },
            clock,
          ),
        );
      }
      return revoked;
    });
    // Verification caches hold inventory tokens only; a SCIM token is checked on each request.
    const byOrg = new Map<string, string[]>();
    for (const { orgId, tokenId } of outcome) {
      if (orgId !== null && found.has(tokenId)) byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), tokenId]);
    }
    for (const [orgId, tokenIds] of byOrg) deps.bus?.tokensChanged(orgId, tokenIds);
    return outcome;
  }

  async function recordTokenLeak(tx: Stores, token: Token, match: ReportedMatch, now: Date, by: LeakReporter): Promise<void> {
    await tx.audit.append(
      auditEntry(
        {
          orgId: token.orgId,
          actorType: 'system',
          actorId: by.actorId,
          action: TOKEN_LEAKED_EVENT,
          targetType: 'token',
          targetId: token.id,
          details: {
            kind: token.kind,
            owner: token.owner,
            label: token.label,
            previousStatus: token.status,
            reporter: by.reporter,
            ...by.details(match),
          },
        },
        clock,
      ),
    );
    // The outbox event (docs/events.md): the owner and the org's admins are told from there,
    // off GitHub's request path. Like `token.idle_revoked`, it stands for the revocation too.
    await tx.events.record({
      orgId: token.orgId,
      type: TOKEN_LEAKED_EVENT,
      payload: { token: tokenRef(token), source: by.source(match), url: match.url || null },
      occurredAt: now,
    });
  }

  /** A leaked SCIM token: no owner to tell, so the event goes to the org's admins (docs/leaked-tokens.md). */
  async function recordScimTokenLeak(tx: Stores, scimToken: ScimToken, match: ReportedMatch, now: Date, by: LeakReporter): Promise<void> {
    await tx.audit.append(
      auditEntry(
        {
          orgId: scimToken.orgId,
          actorType: 'system',
          actorId: by.actorId,
          action: SCIM_TOKEN_LEAKED_EVENT,
          targetType: 'scim_token',
          targetId: scimToken.id,
          details: { label: scimToken.label, reporter: by.reporter, ...by.details(match) },
        },
        clock,
      ),
    );
    await tx.events.record({
      orgId: scimToken.orgId,
      type: SCIM_TOKEN_LEAKED_EVENT,
      payload: {
        scimToken: { id: scimToken.id, label: scimToken.label, displayPrefix: scimToken.displayPrefix },
        source: by.source(match),
        url: match.url || null,
      },
      occurredAt: now,
    });
  }

  /**
   * Looks each reported value up where its kind lives. The inventory in one query; SCIM tokens
   * and instance keys are a handful and rarely reported: one indexed look-up each. A credential
   * named twice keeps its first match.
   */
  async function findReported(matches: readonly ReportedMatch[]): Promise<{ credentials: FoundCredentials; isKnown: boolean[] }> {
    const candidates = matches.map((m) => candidateOf(pepper, m.token));
    const tokens = await stores.tokenLeaks.findByDigests(candidates.flatMap((c) => (c?.table === 'tokens' ? [c.digest] : [])));
    const scimHits = new Map<string, ScimToken | null>();
    const instanceHits = new Map<string, InstanceKey | null>();
    const credentials: FoundCredentials = { tokens: new Map(), scim: new Map(), instance: new Map() };
    const isKnown: boolean[] = [];
    for (const [i, match] of matches.entries()) {
      const candidate = candidates[i];
      let known = false;
      if (candidate?.table === 'tokens') {
        const token = tokens.get(candidate.digest);
        if (token && !credentials.tokens.has(token.id)) credentials.tokens.set(token.id, { token, match });
        known = token !== undefined;
      } else if (candidate?.table === 'scim_tokens') {
        if (!scimHits.has(candidate.digest)) scimHits.set(candidate.digest, (await stores.scimTokens.findByDigest(candidate.digest))?.token ?? null);
        const scimToken = scimHits.get(candidate.digest);
        if (scimToken && !credentials.scim.has(scimToken.id)) credentials.scim.set(scimToken.id, { scimToken, match });
        known = Boolean(scimToken);
      } else if (candidate?.table === 'instance_keys') {
        if (!instanceHits.has(candidate.digest)) instanceHits.set(candidate.digest, (await stores.instanceKeys.findByDigest(candidate.digest))?.key ?? null);
        const key = instanceHits.get(candidate.digest);
        if (key && !credentials.instance.has(key.id)) credentials.instance.set(key.id, { key, match });
        known = Boolean(key);
      }
      isKnown.push(known);
    }
    return { credentials, isKnown };
  }

  return {
    /**
     * Checks, revokes and answers. Throws INVALID_SIGNATURE (nothing read), VALIDATION_FAILED (signed
     * but not a report: nothing revoked) or SIGNING_KEYS_UNAVAILABLE (GitHub will retry).
     */
    async handleGithubReport(rawBody: Buffer, headers: SignatureHeaders): Promise<ReportOutcome> {
      await checkSignature(rawBody, headers);
      const matches = parseReport(rawBody);
      const { credentials, isKnown } = await findReported(matches);
      const feedback = matches.map((match, i): FeedbackItem => ({ token_hash: tokenSha256Hex(match.token), token_type: match.type, label: isKnown[i] ? 'true_positive' : 'false_positive' }));
      const revoked = await revokeLeaked(credentials, GITHUB);
      return { feedback, revoked, truePositives: credentials.tokens.size + credentials.scim.size + credentials.instance.size };
    },

    /**
     * Revoke by value: whoever holds a token's value may kill it. Each value that is a live
     * Tokenward credential (inventory token, SCIM token or instance key) is revoked with the same
     * audit entry and outbox event as a GitHub report; the caller learns nothing of which values
     * matched (the HTTP answer is the same), the org's admins see each revocation. Returns the
     * revoked ids for logs only.
     */
    async revokeByValue(values: readonly string[], ip: string | null): Promise<ReportOutcome['revoked']> {
      const unique = [...new Set(values)];
      if (unique.length > MAX_VALUES_PER_CALL) throw new DomainError('VALIDATION_FAILED', `Send at most ${MAX_VALUES_PER_CALL} token values per call.`);
      const matches = unique.map((value): ReportedMatch => ({ token: value, type: 'tokenward_token', url: '', source: 'content' }));
      const { credentials } = await findReported(matches);
      return revokeLeaked(credentials, byValueReporter(ip));
    },
  };
}

export type LeakedTokenService = ReturnType<typeof createLeakedTokenService>;
