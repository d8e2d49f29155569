import { ConfigError, loadConfig, type Config } from '../config.js';
import { GatewayConfigError } from '../domain/gateway-config.js';
import { isDomainError, StartupError } from '../domain/errors.js';
import { ProfileError } from './profiles.js';
import { CliError } from './remote.js';

/**
 * Known failures print one line and exit 1 (or, from a command that talks to a server, the exit
 * code of its cause); anything else prints its stack (it is a bug).
 */
export function exitWithError(error: unknown): never {
  if (error instanceof CliError) {
    process.stderr.write(`tokenward: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  if (error instanceof ProfileError) {
    process.stderr.write(`tokenward: ${error.message}\n`);
    process.exit(2);
  }
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
