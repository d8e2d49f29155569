/**
 * Policies over a connector's tokens: each live token is held against its owner's effective
 * policy (an owner matched to a directory user), or the policy the admin picked for the
 * connector's unmatched owners; tokens with neither are not judged. Reads the connector's tokens
 * in batches, resolving each owner's policy once.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { externalViolationsOf, type ExternalToken, type ExternalViolation } from '../domain/connectors.js';
import { DomainError } from '../domain/errors.js';
import { allowedGithubScopes } from '../domain/github-connector.js';
import { gitlabScopesAllowedByClass } from '../domain/gitlab-scopes.js';
import { allowedScopeNames } from '../domain/scope-catalogue.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { resolvePolicyOf } from './policy-setup.js';

export interface ViolationItem {
  token: ExternalToken;
  policyId: string;
  policyName: string;
  violations: ExternalViolation[];
}

export interface ViolationReport {
  /** Live tokens judged (those with a governing policy). */
  judged: number;
  /** Live tokens with no governing policy (unmatched owner, no policy picked for them). */
  unjudged: number;
  total: number;
  byKind: Record<ExternalViolation['kind'], number>;
  /** The first `limit` violating tokens. */
  items: ViolationItem[];
}

const BATCH = 1000;

type Judge = { policyId: string; policyName: string; rule: { maxLifetimeDays: number; idleRevokeAfterDays: number | null; allowedScopes: string[] }; allowed: ReadonlySet<string>; allowedScopes: readonly string[] };

export function createConnectorViolations(deps: { db: Kysely<Database>; clock: Clock }) {
  const stores = createStores(deps.db);

  return {
    async report(orgId: string, connectorId: string, limit: number): Promise<ViolationReport> {
      const connector = await stores.connectors.find(orgId, connectorId);
      if (!connector) throw new DomainError('CONNECTOR_NOT_FOUND');
      const now = deps.clock();
      const catalogue = await stores.scopes.list(orgId);
      let unmatched: Judge | null = null;
      if (connector.unmatchedPolicyId) {
        const policy = await stores.policies.findById(orgId, connector.unmatchedPolicyId);
        if (policy) unmatched = { policyId: policy.id, policyName: policy.name, rule: policy.rule, allowed: allowedScopeNames(policy.rule.allowedScopes, catalogue), allowedScopes: policy.rule.allowedScopes };
      }
      const judges = new Map<string, Judge>();
      const judgeOf = async (token: ExternalToken): Promise<Judge | null> => {
        if (!token.ownerUserId) return unmatched;
        const known = judges.get(token.ownerUserId);
        if (known) return known;
        const resolved = await resolvePolicyOf(stores, orgId, { type: 'user', id: token.ownerUserId }, now);
        const judge = { policyId: resolved.enforceable.policyId, policyName: resolved.enforceable.policyName, rule: resolved.enforceable.rule, allowed: resolved.enforceable.allowedScopeNames, allowedScopes: resolved.enforceable.rule.allowedScopes };
        judges.set(token.ownerUserId, judge);
        return judge;
      };
      const report: ViolationReport = { judged: 0, unjudged: 0, total: 0, byKind: { lifetime: 0, scopes: 0, idle: 0 }, items: [] };
      let after: string | null = null;
      for (;;) {
        const batch = await stores.externalTokens.liveAfter(connectorId, after, BATCH);
        for (const token of batch) {
          const judge = await judgeOf(token);
          if (!judge) {
            report.unjudged += 1;
            continue;
          }
          report.judged += 1;
          // GitHub permissions and GitLab scopes are judged by class: the catalogue holds neither system's names.
          const allowed =
            connector.type === 'github'
              ? allowedGithubScopes(judge.rule.allowedScopes, token.scopes)
              : connector.type === 'gitlab'
                ? new Set(gitlabScopesAllowedByClass(judge.allowedScopes, token.scopes))
                : judge.allowed;
          const violations = externalViolationsOf(judge.rule, allowed, token, now);
          if (violations.length === 0) continue;
          report.total += 1;
          for (const v of violations) report.byKind[v.kind] += 1;
          if (report.items.length < limit) report.items.push({ token, policyId: judge.policyId, policyName: judge.policyName, violations });
        }
        if (batch.length < BATCH) break;
        after = batch[batch.length - 1]!.id;
      }
      return report;
    },
  };
}

export type ConnectorViolations = ReturnType<typeof createConnectorViolations>;
