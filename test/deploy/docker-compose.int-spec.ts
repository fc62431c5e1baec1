import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { ROOT, run } from '../support/built-app.js';

// A real Compose implementation checks docker-compose.yml (Debian's docker-compose runs `config` without an engine).
function compose(): string {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return 'docker-compose';
  } catch {
    throw new Error('docker-compose is not installed: apt-get install -y docker-compose (.ci/run does)');
  }
}

const config = (env: NodeJS.ProcessEnv) => run(compose(), ['-f', `${ROOT}/docker-compose.yml`, 'config'], { JWT_SECRET: '', ...env });

describe('docker-compose.yml', () => {
  it('is a valid Compose file wiring the app to EventStoreDB and PostgreSQL', async () => {
    const valid = await config({ JWT_SECRET: 's'.repeat(64) });
    expect(valid.code).toBe(0);
    for (const service of ['eventstore:', 'postgres:', 'app:']) expect(valid.stdout).toContain(`  ${service}`);
    expect(valid.stdout).toContain('EVENTSTORE_CONNECTION_STRING: esdb://eventstore:2113?tls=false');
    expect(valid.stdout).toContain('DATABASE_URL: postgres://ledger:ledger@postgres:5432/incident_ledger');
  });

  it('refuses to run without a JWT secret', async () => {
    const missing = await config({});
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('set JWT_SECRET to at least 32 characters');
  });
});
