/**
 * Reading one environment variable of a given shape: the pieces every setting is built from. A bad
 * value is a `ConfigError` whose message is one line naming the variable, what it must be and what it was.
 */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readNonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function fail(name: string, expected: string, got: string): never {
  throw new ConfigError(`${name} must be ${expected}, got ${JSON.stringify(got)}.`);
}

export function readHttpUrl(env: Env, name: string): string | undefined {
  const raw = readNonEmpty(env, name);
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    fail(name, 'an http:// or https:// URL', raw);
  }
  return raw;
}

export function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = readNonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) fail(name, 'a whole number of at least 1', raw);
  return Number(raw);
}

export function readIntInRange(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = readNonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) fail(name, `a whole number from ${min} to ${max}`, raw);
  return Number(raw);
}

export function readOnOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = readNonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (['on', 'true', '1'].includes(value)) return true;
  if (['off', 'false', '0'].includes(value)) return false;
  fail(name, 'on or off', raw);
}

export function readNonNegativeInt(env: Env, name: string, fallback: number): number {
  const raw = readNonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) fail(name, 'a whole number of at least 0', raw);
  return Number(raw);
}
