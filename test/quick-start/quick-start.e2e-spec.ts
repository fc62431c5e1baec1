import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { built, run, ROOT, type StartedServer, startBuiltServer } from '../support/built-app.js';

// README's quick start is scripts/quick-start.sh; running it here keeps README and product in step.
let server: StartedServer;
beforeAll(async () => {
  built('dist/src/cli.js');
  server = await startBuiltServer();
}, 180_000);
afterAll(() => server?.stop(), 60_000);

const tallies = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('{"killed"')).map((line) => JSON.parse(line) as { killed: { total: { best: number } } });

it('runs as written against a freshly started server', async () => {
  const quickStart = await run('bash', [`${ROOT}/scripts/quick-start.sh`], { BASE_URL: server.url, DATA_DIR: server.dataDir, JWT_SECRET: '' });
  expect(quickStart).toMatchObject({ code: 0, stderr: '' });
  expect(quickStart.stdout).toContain('Demo loaded: 24 commands over 3 incidents');
  // consistentWith the report, asOf the opening (before the report), occurredTo the day of it.
  expect(tallies(quickStart.stdout).map((tally) => tally.killed.total.best)).toEqual([7, 0, 7]);
  expect(quickStart.stdout).toContain('"killed":{"total":{"best":23,"low":23,"high":23}');
}, 300_000);
