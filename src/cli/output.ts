import { ConfigError, loadConfig, type Config } from '../config.js';
import { GatewayConfigError } from '../domain/gateway-config.js';
import { isDomainError, StartupError } from '../domain/errors.js';

/** Known failures print one line and exit 1; anything else prints its stack (it is a bug). */
export function exitWithError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof GatewayConfigError) {
    process.stderr.write(`tokenward: ${error.message}\n`);
  } else if (isDomainError(error)) {
    process.stderr.write(`tokenward: ${error.code}: ${error.detail}\n`);
  } else {
    process.stderr.write(`tokenward: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

export function configOrExit(): Readonly<Config> {
  try {
    return loadConfig(process.env);
  } catch (error) {
    exitWithError(error);
  }
}
