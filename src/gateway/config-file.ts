/** Reads and validates a gateway file (YAML; docs/gateway.md). Any failure is one GatewayConfigError line. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { GatewayConfigError, parseGatewayConfig, type GatewayConfig, type GatewayMode } from '../domain/gateway-config.js';

export function loadGatewayConfigFile(path: string, env: Readonly<Record<string, string | undefined>>, mode: GatewayMode): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GatewayConfigError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    const firstLine = String((error as Error).message).split('\n')[0];
    throw new GatewayConfigError(`${path}: not valid YAML: ${firstLine}`);
  }
  return parseGatewayConfig(raw, env, mode, path);
}
