import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtOptions } from '../../src/auth/jwt-options.js';
import { TokenService } from '../../src/auth/token.service.js';
import { systemClock } from '../../src/common/clock.js';
import { IncidentsModule } from '../../src/incidents/incidents.module.js';
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

  it('rebuild --help names every projection the application runs', async () => {
    const providers = Reflect.getMetadata('providers', IncidentsModule) as (new () => { name: string })[];
    const projections = providers.filter((provider) => Reflect.getMetadata(PROJECTION_KEY, provider)).map((Projection) => new Projection().name);
    expect(projections.length).toBeGreaterThan(0);
    const help = await cli(['rebuild', '--help'], { PORT: 'abc' });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`one of: ${projections.join(', ')}`);
  });
});

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
  });

  it.each(['0.0003', '0', '-1', '25', '1e1', 'twelve'])('refuses --hours %s with the shared number rule, naming the option, as other input errors', async (hours) => {
    const token = await cli(['token', '--role', 'analyst', '--sub', 'bob', '--hours', hours], { JWT_SECRET: 'e'.repeat(40) });
    expect(token.code).toBe(1);
    expect(token.stderr).toContain('Invalid input: --hours: --hours must be a decimal number from 0.01 to 24');
    expect(token.stdout).toBe('');
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

describe('export --incident', () => {
  const dataDir = () => join(temp.path, 'store');

  it('rejects a malformed id, naming the option', async () => {
    const exported = await cli(['export', '--incident', 'villa-union'], { DATA_DIR: dataDir() });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('--incident: --incident must be a UUID');
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

  it('fails on an incident the store does not have', async () => {
    const id = '0b0f6a1e-5d8c-4c1e-9a7e-2f1d3c4b5a69';
    const exported = await cli(['export', '--incident', id], { DATA_DIR: dataDir() });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`No incident ${id} in the event store`);
    expect(exported.stdout).toBe('');
  });
});
