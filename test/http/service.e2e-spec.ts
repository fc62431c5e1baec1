import { ConfigError, loadConfig } from '../../src/config/config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('configuration', () => {
  it('names every invalid variable', () => {
    const load = () => loadConfig({ PORT: 'abc', JWT_SECRET: 'short', RATE_LIMIT_PER_MINUTE: '-1', LOG_LEVEL: 'loud', PROJECTION_LEASE_SECONDS: '0' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT: .*\n.*JWT_SECRET: must be at least 32 characters\n.*LOG_LEVEL: .*\n.*RATE_LIMIT_PER_MINUTE: .*\n.*PROJECTION_LEASE_SECONDS: /);
  });

  it.each(['0x10', '3e3', '1.0', '+80', ' 80', '80 ', '-1', '9999999999999999', '99999999999999999999'])('refuses a number not written in decimal digits, or out of range (%p), for every whole-number variable, naming the range', (value) => {
    for (const name of ['PORT', 'JWT_MAX_LIFETIME_SECONDS', 'RATE_LIMIT_PER_MINUTE', 'PROJECTION_LEASE_SECONDS', 'TALLY_CHECKPOINT_EVENTS']) {
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: must be a whole number from \\d+ to \\d+ in decimal digits`));
    }
    expect(loadConfig({ PORT: '8080', RATE_LIMIT_PER_MINUTE: '0' })).toMatchObject({ PORT: 8080, RATE_LIMIT_PER_MINUTE: 0 });
  });

  it('defaults what is not set', () => {
    expect(loadConfig({})).toEqual({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: 1200, JWT_MAX_LIFETIME_SECONDS: 86400, PROJECTION_LEASE_SECONDS: 30, TALLY_CHECKPOINT_EVENTS: 20000 });
  });
});

describe('service endpoints and the rate limit', () => {
  const LIMIT = 3;
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db.url, undefined, { RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it(`answers ${LIMIT} requests a minute from one address, then 429 problem+json with Retry-After, on REST and GraphQL alike`, async () => {
    const analyst = t.bearer('analyst');
    for (let n = LIMIT; n > 0; n--) {
      const response = await t.http.get('/incidents').set('Authorization', analyst);
      expect(response.status).toBe(200);
      expect(response.headers.ratelimit).toContain(`r=${n - 1}`);
    }
    const limited = await t.http.get('/incidents').set('Authorization', analyst);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const graphql = await t.http.post('/graphql').set('Authorization', analyst).send({ query: '{ incidents { items { id } } }' });
    expect(graphql.status).toBe(429);
  });

  it('leaves /health and /metrics to probes and scrapers, with no token', async () => {
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.info).toEqual({
      database: expect.objectContaining({ status: 'up' }),
      'eventStore:postgres': expect.objectContaining({ status: 'up' }),
      'projection:actors': { status: 'up' },
      'projection:incidents': { status: 'up' },
      'projection:sources': { status: 'up' },
    });
    const metrics = await t.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('projection_position');
  });
});
