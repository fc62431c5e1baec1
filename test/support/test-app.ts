import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import type { Role } from '../../src/auth/roles.js';
import { TokenService } from '../../src/auth/token.service.js';
import { loadConfig } from '../../src/config/config.js';
import { startRuntime } from '../../src/config/runtime.js';
import { EventStore } from '../../src/event-store/event-store.port.js';

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly http: ReturnType<typeof request>;
  readonly store: EventStore;
  /** `Authorization` header value for a token with these roles. */
  bearer(roles: Role | readonly Role[], sub?: string): string;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/**
 * The whole HTTP app (not listening on a port; supertest drives it) on `databaseUrl`, with the PostgreSQL
 * event store, or EventStoreDB when `eventStoreConnectionString` is given. Without a rate limit unless
 * `env` sets one: suites send many requests from one address.
 */
export async function startTestApp(databaseUrl: string, eventStoreConnectionString?: string, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    EVENTSTORE_CONNECTION_STRING: eventStoreConnectionString,
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const runtime = await startRuntime(config);
  const app = await createApp(runtime);
  await app.init();
  const tokens = app.get(TokenService);
  return {
    app,
    http: request(app.getHttpServer()),
    store: app.get(EventStore),
    bearer: (roles, sub = 'tester') => `Bearer ${tokens.issue(sub, typeof roles === 'string' ? [roles] : roles)}`,
    close: async () => {
      await app.close();
      await runtime.dispose();
    },
  };
}
