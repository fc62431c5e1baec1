import { Command, CommandRunner, Option } from 'nest-commander';
import { SingleOption } from './single-option.js';
import { isSubject, ROLES, type Role, SUBJECT_RULE } from '../auth/roles.js';
import { parseDecimal } from '../common/input-values.js';
import { DEFAULT_LIFETIME_SECONDS, TokenService } from '../auth/token.service.js';
import { loadPortConfig } from '../config/config.js';

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

@Command({ name: 'token', description: 'Print a bearer token: token --role reporter [--role analyst] --sub alice [--url]' })
export class TokenCommand extends CommandRunner {
  constructor(private readonly tokens: TokenService) {
    super();
  }

  async run(_: string[], options: TokenOptions): Promise<void> {
    const token = this.tokens.issue(options.sub, options.role, options.hours === undefined ? Math.min(DEFAULT_LIFETIME_SECONDS, this.tokens.maxLifetimeSeconds) : Math.round(options.hours * 3600));
    console.log(options.url ? dashboardLink(loadPortConfig(process.env).PORT, token) : token);
  }

  @Option({ flags: '-r, --role <role>', description: `one of ${ROLES.join(', ')}; repeat or comma-separate for several`, required: true })
  parseRole(value: string, previous: Role[] = []): Role[] {
    const roles = value.split(',').map((role) => role.trim());
    const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
    if (unknown.length) throw new Error(`unknown role(s) ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
    return [...previous, ...(roles as Role[])];
  }

  @SingleOption({ flags: '-s, --sub <name>', description: 'subject (who the token is for)', required: true })
  parseSub(value: string): string {
    if (!isSubject(value)) throw new Error(`--sub ${SUBJECT_RULE}`);
    return value;
  }

  @SingleOption({ flags: '--hours <n>', description: `validity in hours, from ${MIN_HOURS} to JWT_MAX_LIFETIME_SECONDS in hours (default: ${DEFAULT_LIFETIME_SECONDS / 3600}, or the most allowed)` })
  parseHours(value: string): number {
    return parseDecimal(value, '--hours', MIN_HOURS, this.tokens.maxLifetimeSeconds / 3600);
  }

  @Option({ flags: '--url', description: 'print the dashboard sign-in link http://localhost:$PORT/app#token=… instead of the bare token' })
  parseUrl(): boolean {
    return true;
  }
}
