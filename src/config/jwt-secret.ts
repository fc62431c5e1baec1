import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Config, ConfigError, MIN_JWT_SECRET_LENGTH } from './config.js';

type SecretConfig = Pick<Config, 'JWT_SECRET' | 'DATA_DIR'>;

const secretFile = (dataDir: string): string => join(resolve(dataDir), 'jwt-secret');

/** The secret in `file`, held to `JWT_SECRET`'s rule: an empty or short file would let anyone sign tokens. */
function secretIn(file: string): string {
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_JWT_SECRET_LENGTH) {
    throw new ConfigError(
      `${file} holds a JWT secret of ${secret.length} characters; it must have at least ${MIN_JWT_SECRET_LENGTH}. ` +
        'Delete the file to have a new secret generated on the next start (tokens signed with the old one stop working), or set JWT_SECRET.',
    );
  }
  return secret;
}

/**
 * The server's HS256 secret: `JWT_SECRET`, else the one generated into `DATA_DIR/jwt-secret`
 * (`generated` true only when this call created that file).
 */
export function ensureJwtSecret(config: SecretConfig): { secret: string; generated: boolean } {
  const existing = existingJwtSecret(config);
  if (existing !== undefined) return { secret: existing, generated: false };
  const file = secretFile(config.DATA_DIR);
  mkdirSync(resolve(config.DATA_DIR), { recursive: true, mode: 0o755 });
  writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return { secret: secretIn(file), generated: true };
}

/** The server's secret if it has one (`JWT_SECRET`, else `DATA_DIR/jwt-secret`); never makes one. */
export function existingJwtSecret(config: SecretConfig): string | undefined {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = secretFile(config.DATA_DIR);
  return existsSync(file) ? secretIn(file) : undefined;
}

/**
 * The secret the server signs with, never a new one: a token signed with any other would get 401.
 * Throws a `ConfigError` naming where it looked when neither `JWT_SECRET` nor `DATA_DIR/jwt-secret` exists.
 */
export function readJwtSecret(config: SecretConfig): string {
  const secret = existingJwtSecret(config);
  if (secret === undefined) {
    throw new ConfigError(
      `No JWT secret: JWT_SECRET is not set and ${secretFile(config.DATA_DIR)} does not exist.\n` +
        `Set DATA_DIR to the server's data directory (the server writes jwt-secret there on its first start), or set JWT_SECRET to the server's secret.`,
    );
  }
  return secret;
}
