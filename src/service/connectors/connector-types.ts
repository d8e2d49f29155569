/**
 * What a connector type must do for sync and for acting upstream (Atlassian, GitHub).
 *
 * GitLab implements it too, with rotation (`rotate`, `readToken`) on top.
 *
 * A sync reads the upstream in `phases` (one kind of list each), one page at a time: `readPage`
 * takes the cursor the previous page returned (null: the first page) and returns the tokens of
 * the page and the cursor of the next (null: the phase is done). Cursors are saved between pages,
 * so they must be strings the type can resume from in another process.
 */
import type { ConnectionCheck, ConnectorType, ExternalToken, UpstreamToken } from '../../domain/connectors.js';
import { createAtlassianConnector } from './atlassian-connector.js';
import { createGithubConnector } from './github-connector.js';
import { createGitlabConnector } from './gitlab-connector.js';
import type { UpstreamHttpOptions } from './upstream-http.js';

export interface UpstreamPage {
  tokens: UpstreamToken[];
  next: string | null;
}

/** The upstream's answer to an action, kept in the audit log. */
export interface UpstreamActionResult {
  ok: boolean;
  status: number | null;
  /** In words; never holds the credential. */
  answer: string;
}

/** What one rotation request upstream came to. */
export type RotationResult =
  | { outcome: 'rotated'; status: number; newExternalId: string; secret: string; expiresAt: string | null }
  | { outcome: 'refused'; status: number | null; answer: string }
  /** The request may have reached the upstream and its answer was lost: it may have acted. */
  | { outcome: 'unknown'; answer: string };

/** A token as the upstream holds it now, read by id. */
export interface UpstreamTokenState {
  /** False once revoked or expired upstream. */
  active: boolean;
  revoked: boolean;
}

export interface ConnectorClient {
  readonly phases: readonly string[];
  readPage(phase: string, cursor: string | null, signal?: AbortSignal): Promise<UpstreamPage>;
  /** What the credential can and cannot do, each in words. */
  test(): Promise<ConnectionCheck[]>;
  /** Revokes one token upstream; `UPSTREAM_UNSUPPORTED` when the upstream has no way to. */
  revoke(token: ExternalToken): Promise<UpstreamActionResult>;
  /** Revokes every token of a service account (the upstream's own revoke-all), when it has one. */
  revokeAllOfServiceAccount?(ownerExternalId: string): Promise<UpstreamActionResult>;
  /** Revokes many tokens in the upstream's own bulk calls, when it has them; the answer per token id. */
  revokeBatch?(tokens: readonly ExternalToken[]): Promise<Map<string, UpstreamActionResult>>;
  /** Rotates one token upstream, sent once and never retried; `expiresAt` is `YYYY-MM-DD`. */
  rotate?(token: ExternalToken, expiresAt: string): Promise<RotationResult>;
  /** Reads one token by id; null when the upstream no longer has it. */
  readToken?(token: ExternalToken): Promise<UpstreamTokenState | null>;
  close(): Promise<void>;
}

export interface ConnectorSettings {
  baseUrl: string;
  upstreamOrgId: string;
  credential: string;
}

export interface ConnectorClientOptions {
  http?: Partial<UpstreamHttpOptions> | undefined;
  /** Upstream page size. */
  pageSize?: number | undefined;
}

export interface ConnectorTypeDefinition {
  type: ConnectorType;
  createClient(settings: ConnectorSettings, options: ConnectorClientOptions): ConnectorClient;
  /** Whether one service-account token can be revoked alone (Atlassian only revokes all of an account's). */
  revokesEachServiceAccountToken?: boolean;
  /** Whether its tokens can be rotated upstream (the client then has `rotate` and `readToken`). */
  rotates?: boolean;
}

export const CONNECTOR_TYPE_DEFINITIONS: Record<ConnectorType, ConnectorTypeDefinition> = {
  atlassian: { type: 'atlassian', createClient: createAtlassianConnector },
  github: { type: 'github', createClient: createGithubConnector },
  gitlab: { type: 'gitlab', createClient: createGitlabConnector, revokesEachServiceAccountToken: true, rotates: true },
};
