import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    .regex(/^(esdb|kurrentdb|kdb)(\+discover)?:\/\/\S+$/, 'must be an esdb:// (or kurrentdb://) connection string')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per client address and minute, per app instance; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Validates the environment; an invalid value throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return parse(schema, env);
}

/** Validates only where the JWT secret comes from (the CLI's `token` needs no `PORT`); errors as `loadConfig`. */
export function loadSecretConfig(env: NodeJS.ProcessEnv): Pick<Config, 'JWT_SECRET' | 'DATA_DIR'> {
  return parse(schema.pick({ JWT_SECRET: true, DATA_DIR: true }), env);
}

function parse<T>(shape: z.ZodType<T, unknown>, env: NodeJS.ProcessEnv): T {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = shape.safeParse(blankAsUnset);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
