import { Command, CommandRunner, Option } from 'nest-commander';
import { ROLES, type Role } from '../auth/roles.js';
import { isStorableText, textMessage } from '../common/input-values.js';
import { TokenService } from '../auth/token.service.js';

interface TokenOptions {
  role: Role[];
  sub: string;
  hours: number;
}

@Command({ name: 'token', description: 'Print a bearer token: token --role reporter [--role analyst] --sub alice' })
export class TokenCommand extends CommandRunner {
  constructor(private readonly tokens: TokenService) {
    super();
  }

  async run(_: string[], options: TokenOptions): Promise<void> {
    console.log(this.tokens.issue(options.sub, options.role, options.hours * 3600));
  }

  @Option({ flags: '-r, --role <role>', description: `one of ${ROLES.join(', ')}; repeat or comma-separate for several`, required: true })
  parseRole(value: string, previous: Role[] = []): Role[] {
    const roles = value.split(',').map((role) => role.trim());
    const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
    if (unknown.length) throw new Error(`unknown role(s) ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
    return [...previous, ...(roles as Role[])];
  }

  @Option({ flags: '-s, --sub <name>', description: 'subject (who the token is for)', required: true })
  parseSub(value: string): string {
    if (!isStorableText(value) || value.length === 0) throw new Error(textMessage('--sub'));
    return value;
  }

  @Option({ flags: '--hours <n>', description: 'validity in hours', defaultValue: 12 })
  parseHours(value: string): number {
    const hours = Number(value);
    if (!Number.isFinite(hours) || hours <= 0) throw new Error('--hours must be a positive number');
    return hours;
  }
}
