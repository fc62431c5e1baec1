import { randomUUID } from 'node:crypto';
import { actorStream, incidentStream, sourceStream } from '../../src/event-store/stream-names.js';
import { casualtiesBody, incidentBody } from '../incidents/incident-commands.suite.js';
import type { EventStoreUnderTest } from '../support/event-stores.js';
import { appPerSuite } from '../support/suite-app.js';
import type { TestApp } from '../support/test-app.js';

type Send = (body: object, headers?: Record<string, string>) => Promise<{ status: number; body: Record<string, unknown> }>;

/** A stream kind as a client writes it: how to create one, its stream, and a write on it whose body differs by `n`. */
interface StreamKind {
  readonly kind: string;
  readonly idField: string;
  create(t: TestApp, send: (method: 'post' | 'patch', path: string, body: object) => Promise<Record<string, unknown>>): Promise<string>;
  stream(id: string): string;
  write(id: string): { method: 'post' | 'patch'; path: string; body: (n: number) => object };
}

const KINDS: readonly StreamKind[] = [
  {
    kind: 'incident',
    idField: 'incidentId',
    create: async (_t, send) => (await send('post', '/incidents', incidentBody())).incidentId as string,
    stream: incidentStream,
    write: (id) => ({ method: 'post', path: `/incidents/${id}/casualties`, body: (n) => casualtiesBody({ count: n }) }),
  },
  {
    kind: 'actor',
    idField: 'actorId',
    create: async (_t, send) => (await send('post', '/actors', { name: `Cártel ${randomUUID()}`, actorType: 'political_militia' })).actorId as string,
    stream: actorStream,
    write: (id) => ({ method: 'post', path: `/actors/${id}/aliases`, body: (n) => ({ alias: `Alias ${n}` }) }),
  },
  {
    kind: 'source',
    idField: 'sourceId',
    create: async (_t, send) =>
      (await send('post', '/sources', { name: `Periódico ${randomUUID()}`, aliases: [], kind: 'media', scale: 'national', reliability: 'C' }))
        .sourceId as string,
    stream: sourceStream,
    write: (id) => ({ method: 'patch', path: `/sources/${id}`, body: (n) => ({ aliases: [`Alias ${n} of ${id}`] }) }),
  },
];

/**
 * The one write path (read → decide → append) as clients see it, alike for every stream kind (incidents,
 * actors, sources) on the event store `eventStore()` gives: a repeated Idempotency-Key answers the first
 * answer and appends nothing, the key with another body is refused (422), a stale If-Match is 412, and
 * concurrent writers without If-Match all land on contiguous revisions.
 */
export function describeStreamCommands(name: string, eventStore: () => Promise<EventStoreUnderTest>) {
  describe(`stream commands (${name})`, () => {
    let t: TestApp;
    const app = appPerSuite(eventStore);
    beforeAll(() => (t = app()));

    describe.each(KINDS)('on $kind streams', (kind) => {
      const request = (method: 'post' | 'patch', path: string, body: object, headers: Record<string, string> = {}) =>
        t.http[method](path)
          .set('Authorization', t.bearer(['reporter', 'analyst']))
          .set(headers)
          .send(body);
      const created = async () => kind.create(t, async (method, path, body) => (await request(method, path, body).expect(201)).body);
      const writer = (id: string): Send => {
        const { method, path } = kind.write(id);
        return async (body, headers) => request(method, path, body, headers);
      };
      const revisions = async (id: string) => (await t.store.readStream(kind.stream(id))).map((event) => Number(event.revision));

      it('answers a repeated Idempotency-Key with the first answer and appends nothing; the key with another body is 422', async () => {
        const id = await created();
        const send = writer(id);
        const { body } = kind.write(id);
        const key = { 'Idempotency-Key': randomUUID() };
        const first = await send(body(1), key);
        expect(first).toMatchObject({ status: 201, body: { [kind.idField]: id, revision: '1' } });
        expect(await send(body(1), key)).toMatchObject({ status: 201, body: first.body });
        const reused = await send(body(2), key);
        expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY.REUSED', errors: [{ field: 'Idempotency-Key' }] } });
        expect(await revisions(id)).toEqual([0, 1]);
      });

      it('appends one event for 10 concurrent repeats of one key, each answered alike', async () => {
        const id = await created();
        const send = writer(id);
        const key = { 'Idempotency-Key': randomUUID() };
        const answers = await Promise.all(Array.from({ length: 10 }, () => send(kind.write(id).body(1), key)));
        expect(answers.map(({ status }) => status)).toEqual(Array(10).fill(201));
        expect(new Set(answers.map(({ body }) => JSON.stringify(body))).size).toBe(1);
        expect(await revisions(id)).toEqual([0, 1]);
      });

      it('refuses every body but the stored one when 10 requests reuse one key with different bodies at once (422), appending one event', async () => {
        const id = await created();
        const send = writer(id);
        const key = { 'Idempotency-Key': randomUUID() };
        const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => send(kind.write(id).body(n + 1), key)));
        expect(await revisions(id)).toEqual([0, 1]);
        // One body won, and only its request was answered 201.
        const won = answers.flatMap(({ status }, n) => (status === 201 ? [n] : []));
        expect(won).toHaveLength(1);
        expect(answers.filter(({ status }) => status !== 201).map(({ status, body }) => [status, body.code])).toEqual(Array(9).fill([422, 'IDEMPOTENCY_KEY.REUSED']));
        // What was stored is the winner's: sent again, its body is the repeat (the same answer), every other body 422.
        const again = await Promise.all(Array.from({ length: 10 }, (_, n) => send(kind.write(id).body(n + 1), key)));
        expect(again.map(({ status }) => status)).toEqual(answers.map(({ status }) => status));
        expect(again[won[0]].body).toEqual(answers[won[0]].body);
      });

      it('refuses a stale If-Match with 412 appending nothing, and appends at a matching one', async () => {
        const id = await created();
        const send = writer(id);
        const { body } = kind.write(id);
        const stale = await send(body(1), { 'If-Match': '"5"' });
        expect(stale).toMatchObject({ status: 412, body: { code: 'REVISION.STALE', errors: [{ field: 'If-Match' }] } });
        expect(await revisions(id)).toEqual([0]);
        expect(await send(body(1), { 'If-Match': '"0"' })).toMatchObject({ status: 201, body: { revision: '1' } });
        expect((await send(body(2), { 'If-Match': '"0"' })).status).toBe(412);
      });

      it('lands 8 concurrent writers without If-Match on contiguous revisions', async () => {
        const id = await created();
        const send = writer(id);
        const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => send(kind.write(id).body(n + 1))));
        expect(answers.map(({ status }) => status)).toEqual(Array(8).fill(201));
        expect(answers.map(({ body }) => Number(body.revision)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(await revisions(id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      });
    });
  });
}
