import { isDecimalInteger } from '../common/plain-values.js';
import { z } from 'zod';

/** The shortest HS256 secret accepted, from `JWT_SECRET` or `DATA_DIR/jwt-secret` alike. */
export const MIN_JWT_SECRET_LENGTH = 32;

/** The largest whole number a variable takes: 15 digits, as `isDecimalInteger` reads them. */
const MAX_INTEGER = 999_999_999_999_999;

/** A variable holding a whole number from `min` to `max` (at most 15 digits), written in decimal digits (`isDecimalInteger`). */
const integer = (min: number, max: number) =>
  z
    .string()
    .refine((value) => isDecimalInteger(value) && Number(value) >= min && Number(value) <= max, `must be a whole number from ${min} to ${max} in decimal digits`)
    .transform(Number);

const schema = z.object({
  PORT: integer(1, 65535).default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    .regex(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\/\S+$/, 'must be an esdb:// (or kurrentdb://) connection string')
    .optional(),
  JWT_SECRET: z.string().min(MIN_JWT_SECRET_LENGTH, `must be at least ${MIN_JWT_SECRET_LENGTH} characters`).optional(),
  /** Longest a token may be valid (`exp` − `iat`, in seconds); a week at most, so an expiry timer always fits. */
  JWT_MAX_LIFETIME_SECONDS: integer(60, 7 * 24 * 3600).default(24 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per client address and minute, per app instance; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: integer(0, MAX_INTEGER).default(1200),
  /** Seconds a projection's lock holder may go without progress while events wait before another instance takes the lead. */
  PROJECTION_LEASE_SECONDS: integer(1, 3600).default(30),
  /** Record events (reports, corrections, retractions) between two tally checkpoints (docs/temporal.md); 0 makes none. */
  TALLY_CHECKPOINT_EVENTS: integer(0, MAX_INTEGER).default(20_000),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Validates the environment; an invalid value throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parse(schema, env);
}

/** What signing tokens needs (the CLI's `token` needs no `PORT`): the secret's source and the longest lifetime; errors as `loadConfig`. */
export type TokenConfig = Pick<Config, 'JWT_SECRET' | 'DATA_DIR' | 'JWT_MAX_LIFETIME_SECONDS'>;

export function loadSecretConfig(env: NodeJS.ProcessEnv): TokenConfig {
  return parse(schema.pick({ JWT_SECRET: true, DATA_DIR: true, JWT_MAX_LIFETIME_SECONDS: true }), env);
}

/** `PORT` alone (the CLI's `token --url` names the server's address); errors as `loadConfig`. */
export function loadPortConfig(env: NodeJS.ProcessEnv): Pick<Config, 'PORT'> {
  return parse(schema.pick({ PORT: true }), env);
}

function parse<T>(shape: z.ZodType<T, unknown>, env: NodeJS.ProcessEnv): T {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = shape.safeParse(blankAsUnset);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
