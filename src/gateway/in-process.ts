/**
 * The gateway inside `tokenward serve` (TOKENWARD_GATEWAY_CONFIG), on its own port: it verifies
 * through the server's own verification service, so there is no HTTP hop and revocations reach it
 * through the token change bus like the server's own cache. Its usage goes into the server's
 * recorder (flushed on SIGTERM with the rest).
 */
import { systemClock } from '../domain/clock.js';
import { parseGatewayConfig, type GatewayConfig } from '../domain/gateway-config.js';
import { createDelegatedGrantService } from '../service/delegated-grant-service.js';
import type { VerificationService, VerifierPrincipal } from '../service/verification-service.js';
import { createInProcessVerifier } from './in-process-verifier.js';
import { createGatewayServer, type GatewayLog, type GatewayServer, type MemberAccessToken } from './proxy.js';

export interface InProcessGatewayDeps {
  verification: VerificationService;
  /** The server's clock (usage times). */
  nowMs: () => number;
  log: GatewayLog;
  /** Delegated mode: where members' upstream grants are kept (the server's database and pepper). */
  grants?: Omit<Parameters<typeof createDelegatedGrantService>[0], 'upstream'>;
}

/**
 * Starts an in-process gateway. Whose tokens it accepts: the org of `tokenward.verifierKeyEnv`'s
 * key (authenticated in process: it must be a live key holding `verify:tokens`), else
 * `tokenward.orgId`.
 *
 * @example const gateway = await startInProcessGateway(config, { verification: app.core.services.verification, nowMs: () => app.core.clock().getTime(), log: app.logger });
 */
export async function startInProcessGateway(config: GatewayConfig, deps: InProcessGatewayDeps): Promise<GatewayServer> {
  const principal: VerifierPrincipal = config.tokenward.verifierKey
    ? await deps.verification.authenticateVerifier(config.tokenward.verifierKey)
    : { orgId: config.tokenward.orgId!, keyId: 'in-process-gateway' };
  let memberAccessToken: MemberAccessToken | undefined;
  if (config.upstream.delegated) {
    if (!deps.grants) throw new Error('a delegated gateway needs the server\'s database');
    const grants = createDelegatedGrantService({ ...deps.grants, upstream: config.upstream.delegated });
    memberAccessToken = (userId) => grants.accessTokenFor(principal.orgId, userId);
  }
  const gateway = createGatewayServer(config, createInProcessVerifier(deps.verification, principal, deps.nowMs), deps.log, memberAccessToken);
  await gateway.listen();
  return gateway;
}

/** What `startGatewayForCore` needs of the server's core (`App['core']` fits). */
export interface CoreForGateway {
  services: { verification: VerificationService };
  clock: () => Date;
}

/**
 * Validates a gateway config given as a plain object (the YAML file's shape) and starts it in
 * process: for the serve command, tests and the browser story.
 *
 * @example await startGatewayForCore(app.core, { listen: { port: 0 }, upstream: { url }, tokenward: { orgId }, routes: [...] }, app.logger)
 */
export async function startGatewayForCore(core: CoreForGateway, raw: unknown, log: GatewayLog, env: Readonly<Record<string, string | undefined>> = {}): Promise<GatewayServer> {
  const config = parseGatewayConfig(raw, env, 'in-process', 'gateway config');
  const nowMs = core.clock === systemClock ? Date.now : () => core.clock().getTime();
  return startInProcessGateway(config, { verification: core.services.verification, nowMs, log });
}
