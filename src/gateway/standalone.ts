/**
 * `tokenward gateway --config gateway.yaml`: the gateway as its own process, verifying through a
 * Tokenward server's HTTP API with the SDK (its cache, the server's pushed revocations, batched
 * usage reports).
 */
import type { GatewayConfig } from '../domain/gateway-config.js';
import type { GatewayLog, GatewayServer } from './proxy.js';
import { createGatewayServer } from './proxy.js';
import { createSdkVerifier } from './sdk-verifier.js';

export interface StandaloneGateway extends GatewayServer {
  /** Whether the server's push stream is connected (revocations then arrive within a second). */
  isPushConnected(): boolean;
}

/** Starts listening; the returned server's `close()` reports pending usage to the server. */
export async function startStandaloneGateway(config: GatewayConfig, log: GatewayLog): Promise<StandaloneGateway> {
  const { url, verifierKey } = config.tokenward;
  if (!url || !verifierKey) throw new Error('standalone gateway config without tokenward.url and a verifier key');
  const verifier = createSdkVerifier({ baseUrl: url, verifierKey });
  const gateway = createGatewayServer(config, verifier, log);
  try {
    await gateway.listen();
  } catch (error) {
    await verifier.close();
    throw error;
  }
  return Object.assign(gateway, { isPushConnected: () => verifier.client.isPushConnected() });
}
