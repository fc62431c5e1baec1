import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtOptions } from '../../src/auth/jwt-options.js';
import { TokenService } from '../../src/auth/token.service.js';
import type { DynamicModule } from '@nestjs/common';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/config.js';
import { type Runtime, startRuntime } from '../../src/config/runtime.js';
import { systemClock } from '../../src/common/clock.js';
import { PROJECTION_KEY } from '../../src/projections/projections-host.js';
import { built, run, tempDir } from '../support/built-app.js';

// The built CLI, as `incident-ledger` (the package's bin) runs it.
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => run(process.execPath, [built('dist/src/cli.js'), ...args], { JWT_SECRET: '', DATABASE_URL: '', ...env });

let temp: ReturnType<typeof tempDir>;
beforeAll(() => {
  temp = tempDir('incident-ledger-cli-');
});
afterAll(() => temp.remove());

describe('help', () => {
  it('lists the commands without reading the configuration or creating a database', async () => {
    const dataDir = join(temp.path, 'help');
    const help = await cli(['--help'], { PORT: 'abc', DATA_DIR: dataDir });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const command of ['migrate', 'token', 'demo', 'rebuild', 'verify', 'export', 'import']) expect(help.stdout).toContain(command);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('answers an unknown command with help, not a database', async () => {
    const dataDir = join(temp.path, 'typo');
    const typo = await cli(['exprt'], { DATA_DIR: dataDir });
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain("unknown command 'exprt'");
    expect(existsSync(dataDir)).toBe(false);
  });

  it('rebuild --help names every projection the application runs, and the CLI holds each', async () => {
    const projections = projectionsIn([AppModule.forRoot({} as Runtime)]);
    expect(projections).toEqual(expect.arrayContaining(['incidents', 'actors', 'sources']));
    const help = await cli(['rebuild', '--help'], { PORT: 'abc' });
    expect(help.code).toBe(0);
    const listed = /one of: ([\w, ]+?) \(default/.exec(help.stdout.replace(/\s+/g, ' '))?.[1].split(', ');
    expect(listed?.sort()).toEqual([...projections].sort());
  });
});

/** The names of the projections (providers marked `@ProjectionHandler()`) in a graph of modules, each once, in import order. */
function projectionsIn(modules: readonly unknown[], seen = new Set<unknown>()): string[] {
  const names = modules.flatMap((entry) => {
    const imported = (entry as { forwardRef?: () => unknown }).forwardRef?.() ?? entry;
    if (seen.has(imported)) return [];
    seen.add(imported);
    const dynamic = imported as Partial<DynamicModule>;
    const module = dynamic.module ?? imported;
    const providers: unknown[] = [...(Reflect.getMetadata('providers', module as object) ?? []), ...(dynamic.providers ?? [])];
    const projections = providers.filter((provider) => typeof provider === 'function' && Reflect.getMetadata(PROJECTION_KEY, provider));
    const own = projections.map((Projection) => new (Projection as new () => { name: string })().name);
    return [...own, ...projectionsIn([...(Reflect.getMetadata('imports', module as object) ?? []), ...(dynamic.imports ?? [])], seen)];
  });
  return [...new Set(names)];
}

describe('token', () => {
  it('signs with the secret the server generated in DATA_DIR, starting no database', async () => {
    const dataDir = join(temp.path, 'server');
    mkdirSync(dataDir);
    const secret = 'a'.repeat(64);
    writeFileSync(join(dataDir, 'jwt-secret'), secret);
    const token = await cli(['token', '--role', 'analyst', '--sub', 'bob'], { DATA_DIR: dataDir, PORT: 'abc' });
    expect(token).toMatchObject({ code: 0, stderr: '' });
    expect(new TokenService(new JwtService(jwtOptions(secret)), { config: { JWT_MAX_LIFETIME_SECONDS: 86400 } }, systemClock).verify(token.stdout.trim())).toMatchObject({ actor: { sub: 'bob', roles: ['analyst'] } });
    expect(readdirSync(dataDir)).toEqual(['jwt-secret']);
  });

  it('loads neither Nest nor the database, GraphQL or nest-commander libraries', async () => {
    const log = join(temp.path, 'resolved.log');
    const args = ['--import', join(import.meta.dirname, 'support/log-resolved.mjs'), built('dist/src/cli.js'), 'token', '--role', 'analyst', '--sub', 'bob'];
    const token = await run(process.execPath, args, { JWT_SECRET: 'g'.repeat(40), RESOLVED_LOG: log });
    expect(token).toMatchObject({ code: 0, stderr: '' });
    const resolved = readFileSync(log, 'utf8').split('\n');
    expect(resolved).toContainEqual(expect.stringMatching(/node_modules\/jsonwebtoken\//));
    expect(resolved.filter((url) => /node_modules\/(@nestjs|nest-commander|typeorm|pg|graphql|@apollo|class-validator)\//.test(url))).toEqual([]);
  });

  it('signs with JWT_SECRET when it is set', async () => {
    const secret = 'b'.repeat(40);
    const token = await cli(['token', '--role', 'auditor', '--sub', 'audrey'], { JWT_SECRET: secret, DATA_DIR: join(temp.path, 'none') });
    expect(new TokenService(new JwtService(jwtOptions(secret)), { config: { JWT_MAX_LIFETIME_SECONDS: 86400 } }, systemClock).verify(token.stdout.trim())).toMatchObject({ actor: { sub: 'audrey', roles: ['auditor'] } });
  });

  it('--url prints the dashboard sign-in link on PORT, the token in its fragment', async () => {
    const secret = 'c'.repeat(40);
    const link = await cli(['token', '--role', 'analyst', '--sub', 'ann', '--url'], { JWT_SECRET: secret, PORT: '4123' });
    expect(link).toMatchObject({ code: 0, stderr: '' });
    const [address, token] = link.stdout.trim().split('#token=');
    expect(address).toBe('http://localhost:4123/app');
    expect(new TokenService(new JwtService(jwtOptions(secret)), { config: { JWT_MAX_LIFETIME_SECONDS: 86400 } }, systemClock).verify(token!)).toMatchObject({ actor: { sub: 'ann', roles: ['analyst'] } });
  });

  it('refuses an option that takes one value given twice, as REST refuses a repeated query parameter', async () => {
    const token = await cli(['token', '--role', 'analyst', '--sub', 'bob', '--sub', 'eve'], { JWT_SECRET: 'd'.repeat(40) });
    expect(token.code).toBe(1);
    expect(token.stderr).toContain('--sub: --sub takes one value; it was given more than once');
    expect(token.stdout).toBe('');
    // A flag too.
    const url = await cli(['token', '--role', 'analyst', '--sub', 'bob', '--url', '--url'], { JWT_SECRET: 'd'.repeat(40) });
    expect(url).toMatchObject({ code: 1, stdout: '' });
    expect(url.stderr).toContain('--url: --url takes one value; it was given more than once');
    const stray = await cli(['token', '--role', 'analyst', '--sub', 'bob', 'eve'], { JWT_SECRET: 'd'.repeat(40) });
    expect(stray).toMatchObject({ code: 1, stdout: '' });
    expect(stray.stderr).toContain("too many arguments for 'token'");
  });

  it.each(['', '   ', '\u200b'])('refuses --sub %p: a subject shows a visible character and can be stored', async (sub) => {
    const token = await cli(['token', '--role', 'analyst', '--sub', JSON.parse(`"${sub}"`)], { JWT_SECRET: 'd'.repeat(40) });
    expect(token).toMatchObject({ code: 1, stdout: '' });
    expect(token.stderr).toContain('--sub must hold a visible character');
  });

  it.each(['0.0003', '0', '-1', '25', '1e1', 'twelve'])('refuses --hours %s with the shared number rule, naming the option, as other input errors', async (hours) => {
    const token = await cli(['token', '--role', 'analyst', '--sub', 'bob', '--hours', hours], { JWT_SECRET: 'e'.repeat(40) });
    expect(token.code).toBe(1);
    expect(token.stderr).toContain('Invalid input: --hours: --hours must be a decimal number from 0.01 to 24');
    expect(token.stdout).toBe('');
  });

  it('answers a refused --hours as itself before looking for a secret, and creates nothing', async () => {
    const dataDir = join(temp.path, 'no-secret-here');
    const token = await cli(['token', '--role', 'analyst', '--sub', 'bob', '--hours', 'abc'], { DATA_DIR: dataDir });
    expect(token).toMatchObject({ code: 1, stdout: '' });
    expect(token.stderr.trimEnd()).toBe('Invalid input: --hours: --hours must be a decimal number from 0.01 to 24');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('issues a token for --hours within the bound, for that long', async () => {
    const secret = 'f'.repeat(40);
    const token = await cli(['token', '--role', 'analyst', '--sub', 'bob', '--hours', '0.5'], { JWT_SECRET: secret });
    expect(token.code).toBe(0);
    const { expiresAt } = new TokenService(new JwtService(jwtOptions(secret)), { config: { JWT_MAX_LIFETIME_SECONDS: 86400 } }, systemClock).verify(token.stdout.trim());
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(25 * 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('fails with a clear message, and creates nothing, when there is no secret to read', async () => {
    const dataDir = join(temp.path, 'elsewhere');
    const token = await cli(['token', '--role', 'analyst', '--sub', 'bob'], { DATA_DIR: dataDir });
    expect(token.code).toBe(1);
    expect(token.stderr).toContain(`No JWT secret: JWT_SECRET is not set and ${join(dataDir, 'jwt-secret')} does not exist`);
    expect(token.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('commands on the database', () => {
  it('create no database and no secret where the server has none: they exit 1 naming where they looked', async () => {
    const dataDir = join(temp.path, 'no-server');
    for (const command of [['verify'], ['rebuild'], ['export', '--incident', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69']]) {
      const run = await cli(command, { DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`No database in ${join(dataDir, 'postgres')}`);
      expect(existsSync(dataDir)).toBe(false);
    }
  });
});

describe('mistakes answered before the database', () => {
  // No database where DATA_DIR points: a mistake checked only once the database is up would be answered "No database in …".
  // Returns the one line of the refusal.
  const refused = async (args: string[]): Promise<string> => {
    const dataDir = join(temp.path, 'no-database-here');
    const run = await cli(args, { DATA_DIR: dataDir });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).not.toContain('No database');
    expect(existsSync(dataDir)).toBe(false);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    return run.stderr.trimEnd();
  };

  it.each([
    [['--format', 'xls'], '--format: format must be one of the following values: native, acled, ucdp'],
    [['--as-of', 'yesterday'], '--as-of: asOf must be an ISO-8601 date'],
    // A position has one spelling, as everywhere it is taken.
    [['--as-of', '01'], '--as-of: asOf must be a whole number from 0 to 9223372036854775807 in decimal digits without leading zeros'],
    // records.csv takes the filters alone, as GET /exports/records.csv does.
    [['--records', '--as-of', '2019-12-01T18:00:00Z'], '--as-of: property asOf should not exist'],
    [['--records', '--best-policy', 'MEDIAN'], '--best-policy: property bestPolicy should not exist'],
    [['--records', '--format', 'acled'], '--format: property format should not exist'],
    [['--records', '--records'], '--records: --records takes one value; it was given more than once'],
    [['--status', 'shut'], '--status: status must be one of the following values: open, closed'],
    [['--country', 'Mexico'], '--country: country must be a valid ISO31661 Alpha2 code'],
    [['--best-policy', 'BEST'], '--best-policy: bestPolicy must be one of the following values'],
    [['--actor-id', 'army'], '--actor-id: actorId must be a UUID'],
    [['--occurred-from', '2019'], '--occurred-from: occurredFrom must be an ISO-8601 date'],
    [['--occurred-to', 'today'], '--occurred-to: occurredTo must be an ISO-8601 date'],
    [['--occurred-from', '2019-12-01', '--occurred-to', '2019-11-30'], '--occurred-to: occurredTo must not be before occurredFrom'],
    [['--category', 'war'], '--category: category must be one of the following values'],
    [['--actor-type', 'army'], '--actor-type: actorType must be one of the following values'],
  ])('export-csv %j: refused by the REST query rules, naming the option', async (options, message) => {
    expect(await refused(['export-csv', ...options])).toContain(`Invalid input: ${message}`);
  });

  it('rebuild refuses a projection it does not know, naming every one the application runs', async () => {
    const refusal = await refused(['rebuild', 'none']);
    expect(refusal).toMatch(/^Invalid input: projection: no projection named "none" \(known: [\w, ]+\)$/);
    // An empty name (an unset shell variable) is no name of a projection, not "all of them".
    expect(await refused(['rebuild', ''])).toMatch(/^Invalid input: projection: no projection named "" /);
    const known = /known: ([\w, ]+)/.exec(refusal)?.[1].split(', ');
    expect(known?.sort()).toEqual(projectionsIn([AppModule.forRoot({} as Runtime)]).sort());
  });

  it.each([
    ['that does not exist', () => join(temp.path, 'missing.ndjson'), 'does not exist'],
    ['that is a directory', () => temp.path, 'is not a file'],
  ])('import refuses a file %s', async (_what, file, problem) => {
    expect(await refused(['import', file()])).toBe(`Invalid input: file: ${file()} ${problem}`);
  });

  // One spawn of the CLI takes seconds on a loaded machine: a few per test.
  describe.each([
    ['export', 'history.ndjson'],
    ['export-csv', 'incidents.csv'],
  ])('%s --out', (command, name) => {
    const refusedOut = (out: string) => refused([command, '--out', out]);

    it('refuses a file in a directory that does not exist, or a directory', async () => {
      const missing = join(temp.path, 'missing');
      expect(await refusedOut(join(missing, name))).toBe(`Invalid input: --out: directory ${missing} does not exist`);
      expect(await refusedOut(temp.path)).toBe(`Invalid input: --out: ${temp.path} is a directory`);
    });

    it('refuses a blank name', async () => {
      for (const blank of ['', ' ', '\t']) expect(await refusedOut(blank)).toBe('Invalid input: --out: --out must name a file');
    });

    it('refuses a blank last part: a file of spaces in an existing directory is as much a slip as a blank --out', async () => {
      for (const blank of [' ', '\t ']) expect(await refusedOut(join(temp.path, blank))).toBe('Invalid input: --out: --out must name a file');
    });

    it('refuses a pipe or a link in its place, which the rename at the end would replace with a file (a link to /dev/null, say)', async () => {
      const pipe = join(temp.path, `${name}.fifo`);
      const link = join(temp.path, `${name}.link`);
      execFileSync('mkfifo', [pipe]);
      symlinkSync(join(temp.path, 'elsewhere'), link);
      try {
        expect(await refusedOut(pipe)).toBe(`Invalid input: --out: ${pipe} is not a regular file`);
        expect(await refusedOut(link)).toBe(`Invalid input: --out: ${link} is not a regular file`);
      } finally {
        rmSync(pipe);
        rmSync(link);
      }
    });

    it('refuses a directory left where the file is written first (<file>.partial)', async () => {
      const partial = join(temp.path, `${name}.partial`);
      mkdirSync(partial);
      try {
        expect(await refusedOut(join(temp.path, name))).toBe(`Invalid input: --out: ${partial} is a directory`);
      } finally {
        rmSync(partial, { recursive: true });
      }
    });
  });
});

describe('import', () => {
  it("refuses while the app runs on the same DATA_DIR, as it must be the store's only writer, and writes nothing", async () => {
    const dataDir = join(temp.path, 'import-beside-app');
    // This process holds the DATA_DIR as the app does.
    const app = await startRuntime(loadConfig({ DATA_DIR: dataDir }));
    try {
      const file = join(temp.path, 'history.ndjson');
      writeFileSync(file, '');
      const imported = await cli(['import', file], { DATA_DIR: dataDir });
      expect(imported.code).toBe(1);
      expect(imported.stderr).toContain(`Another process (the app, or another command) is running on DATA_DIR ${dataDir}: stop it before importing`);
    } finally {
      await app.dispose();
    }
  });
});

describe('export --incident', () => {
  const dataDir = () => join(temp.path, 'store');

  // The server's first start makes the cluster (and the secret) the CLI works on.
  beforeAll(async () => {
    const runtime = await startRuntime(loadConfig({ DATA_DIR: dataDir() }));
    await runtime.dispose();
  });

  it('rejects a malformed id, naming the option, before it looks for a database', async () => {
    const exported = await cli(['export', '--incident', 'villa-union'], { DATA_DIR: join(temp.path, 'no-database-here') });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('--incident: --incident must be a UUID');
    expect(exported.stderr).not.toContain('No database');
  });

  it('refuses a repeated single-valued option (export, export-csv), naming it', async () => {
    const exported = await cli(['export', '--incident', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69', '-i', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a6a'], { DATA_DIR: dataDir() });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('--incident: --incident takes one value');
    const csv = await cli(['export-csv', '--category', 'battle', '--category', 'riot', '--out', join(temp.path, 'never.csv')], { DATA_DIR: dataDir() });
    expect(csv.code).toBe(1);
    expect(csv.stderr).toContain('--category: --category takes one value');
    expect(existsSync(join(temp.path, 'never.csv'))).toBe(false);
  });

  it.each([
    [['verify', 'extra'], 'verify', 0],
    [['rebuild', 'incidents', 'extra'], 'rebuild', 1],
    [['import', 'a.ndjson', 'b.ndjson'], 'import', 1],
    [['migrate', 'extra'], 'migrate', 0],
  ])('refuses %j: an argument a command does not take', async (args, command, takes) => {
    const run = await cli(args, { DATA_DIR: dataDir() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`too many arguments for '${command}'. Expected ${takes} argument`);
  });

  it('fails on an incident the store does not have', async () => {
    const id = '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69';
    const exported = await cli(['export', '--incident', id], { DATA_DIR: dataDir() });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`No incident ${id} in the event store`);
    expect(exported.stdout).toBe('');
  });

  it('verify beside no app says which projections have not applied the latest events, comparing them as far as they got', async () => {
    expect((await cli(['demo'], { DATA_DIR: dataDir() })).code).toBe(0);
    const verified = await cli(['verify'], { DATA_DIR: dataDir() });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("BEHIND incidents: it has not applied the store's latest events yet");
    expect(verified.stdout).toContain('OK: hash chains intact, read models match the events they have applied.');
  });

  it('leaves no file under the name given when an export ends before it is whole', async () => {
    const out = join(temp.path, 'cut-short.ndjson');
    const exported = await cli(['export', '--incident', '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69', '--out', out], { DATA_DIR: dataDir() });
    expect(exported.code).toBe(1);
    expect([existsSync(out), existsSync(`${out}.partial`)]).toEqual([false, false]);
    // It stops the PostgreSQL it started.
    expect(existsSync(join(dataDir(), 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
