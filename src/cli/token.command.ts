import { Command, Option } from 'commander';
import { isSubject, ROLES, type Role, SUBJECT_RULE } from '../auth/roles.js';
import { DEFAULT_LIFETIME_SECONDS, issueToken, signWith } from '../auth/token-issuer.js';
import { parseDecimal } from '../common/plain-values.js';
import { loadPortConfig, loadSecretConfig, type TokenConfig } from '../config/config.js';
import { readJwtSecret } from '../config/jwt-secret.js';
import { singleValue } from './single-value.js';

/** The shortest `--hours`: 36 seconds, a whole number of them. */
const MIN_HOURS = 0.01;

/** The dashboard's sign-in link: it reads the token from the fragment, which never reaches the server or its logs. */
export const dashboardLink = (port: number, token: string): string => `http://localhost:${port}/app#token=${token}`;

interface TokenOptions {
  role: Role[];
  sub: string;
  hours?: number;
  url?: boolean;
}

function parseRole(value: string, previous: Role[] = []): Role[] {
  const roles = value.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length) throw new Error(`unknown role(s) ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  return [...previous, ...(roles as Role[])];
}

function parseSub(value: string): string {
  if (!isSubject(value)) throw new Error(`--sub ${SUBJECT_RULE}`);
  return value;
}

const option = <T>(flags: string, description: string, parse?: (value: string, previous?: T) => T): Option => {
  const made = new Option(flags, description);
  return parse ? made.argParser(parse) : made;
};

/**
 * `token`: prints a bearer token signed with the server's secret (`JWT_SECRET`, else
 * `DATA_DIR/jwt-secret`, never a new one), for `--role` and `--sub`, valid `--hours`. A plain
 * commander command, without Nest: it loads the configuration, the secret and the signer alone, and
 * reads the configuration only when an option or the run needs it (`--help` reads none).
 */
export function tokenCommand(env: NodeJS.ProcessEnv): Command {
  // Options are checked with the configuration alone (--hours' bound); the secret is read only to sign,
  // so a refused option is answered as itself, not as a missing secret.
  let loaded: TokenConfig | undefined;
  const config = () => (loaded ??= loadSecretConfig(env));
  const parseHours = (value: string) => parseDecimal(value, '--hours', MIN_HOURS, config().JWT_MAX_LIFETIME_SECONDS / 3600);
  return new Command('token')
    .description('Print a bearer token: token --role reporter [--role analyst] --sub alice [--url]')
    .allowExcessArguments(false)
    .addOption(option('-r, --role <role>', `one of ${ROLES.join(', ')}; repeat or comma-separate for several`, parseRole).makeOptionMandatory())
    .addOption(option('-s, --sub <name>', 'subject (who the token is for)', singleValue('--sub', parseSub)).makeOptionMandatory())
    .addOption(option('--hours <n>', `validity in hours, from ${MIN_HOURS} to JWT_MAX_LIFETIME_SECONDS in hours (default: ${DEFAULT_LIFETIME_SECONDS / 3600}, or the most allowed)`, singleValue('--hours', parseHours)))
    .addOption(option('--url', 'print the dashboard sign-in link http://localhost:$PORT/app#token=… instead of the bare token', singleValue('--url', () => true)))
    .action(({ role, sub, hours, url }: TokenOptions) => {
      const sign = signWith(readJwtSecret(config()));
      const maxLifetimeSeconds = config().JWT_MAX_LIFETIME_SECONDS;
      const token = issueToken(sign, maxLifetimeSeconds, sub, role, hours === undefined ? Math.min(DEFAULT_LIFETIME_SECONDS, maxLifetimeSeconds) : Math.round(hours * 3600));
      console.log(url ? dashboardLink(loadPortConfig(env).PORT, token) : token);
    });
}

/** Runs `incident-ledger token …` (`argv` as `process.argv`); a refused option or missing secret prints its message and sets exit code 1. */
export async function runTokenCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await new Command('incident-ledger').addCommand(tokenCommand(env)).parseAsync(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
