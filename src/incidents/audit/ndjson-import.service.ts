import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { canonicalJson, sealOf } from '../../event-store/envelope.js';
import { pagesOfAll } from '../../event-store/event-pages.js';
import { EventStore } from '../../event-store/event-store.port.js';
import { incidentStream } from '../../event-store/stream-names.js';
import type { IncidentChanges, IncidentFields } from '../domain/events.js';
import { amendedFields } from '../domain/incident.js';
import { requireOrderedRange } from '../domain/guards.js';
import { type InputRules, parseExportedEvent, type ExportedEvent } from './exported-event.js';
import { toExportedEvent } from './ndjson-export.service.js';

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/** Consecutive events of one stream appended at once; bounds memory and the size of an append. */
const MAX_BATCH = 500;

/** The target store holds events other than the start of the file: an import fills an empty store, or goes on where one of the same file stopped. */
export class ImportTargetNotEmpty extends Error {
  constructor(readonly headPosition: bigint) {
    super(
      `The event store holds events that are not the start of this file (head position ${headPosition}); import only into an empty store, or into the one an import of this same file stopped in`,
    );
  }
}

export interface ImportOptions {
  /**
   * The API's rules on the input an incident event is made from (the transport's, `inputFault`):
   * an event that breaks one is refused, as the API would not have written it.
   */
  readonly inputRules: InputRules;
  /** After every append: events of the file in the store so far (those held before included) and bytes of input consumed. */
  readonly onProgress?: (events: number, bytes: number) => void;
}

export interface ImportResult {
  /** Events this import appended. */
  readonly appended: number;
  /** Events at the start of the file the store held already (an import of it stopped midway, or finished). */
  readonly heldBefore: number;
}

/** What makes a line the same event in any store: all of it but the exporting store's `position` (and `recordedAt`, read from the metadata). */
const contentOf = ({ stream, eventId, type, data, metadata, revision }: ExportedEvent): string =>
  canonicalJson({ stream, eventId: eventId.toLowerCase(), type, data, metadata, revision });

/**
 * Loads an export (`NdjsonExportService`) into an empty store, keeping event ids, types, data and
 * metadata (so every hash) and the order of `$all`. The file is read twice (`open` gives it from the
 * start each time): first every line is checked (UTF-8, the export's shape, each stream's revisions
 * from 0 without a gap, a repeat or a reordering, each event id once, each stream's hash chain, as
 * `verify` recomputes it: a line edited after export breaks it), so a file refused on any line
 * writes nothing; then consecutive events of a stream go in one append whose expected revision is
 * exactly the one before the first of them, which the store checks again. Appends are atomic, so an
 * import that stopped midway left the file's first events in the store: run again, it checks that
 * the store holds exactly those, in order, and appends the rest (`heldBefore`). A store holding
 * anything else is `ImportTargetNotEmpty`, and nothing is written.
 */
@Injectable()
export class NdjsonImportService {
  constructor(private readonly store: EventStore) {}

  async import(open: () => Readable, options: ImportOptions): Promise<ImportResult> {
    // Per stream, the revision that comes next and the hash it chains to.
    const streams = new Map<string, { revision: bigint; hash: string | null }>();
    const eventIds = new Set<string>();
    // Per merged incident's stream, the line of its merge; per incident's stream, its dates as its lines set them.
    const merges = new Map<string, number>();
    const dates = new Map<string, Dates>();
    for await (const { event, lineNumber } of exportedEvents(open(), options.inputRules)) {
      mergeFault(event, streams, merges, lineNumber);
      rangeFault(event, dates, lineNumber);
      const { revision, hash } = streams.get(event.stream) ?? { revision: 0n, hash: null };
      if (BigInt(event.revision) !== revision) throw new Error(`line ${lineNumber}: ${event.stream} revision ${event.revision} where ${revision} comes next`);
      const seal = sealOf(hash, event);
      if (seal.actual !== seal.expected) throw new Error(`line ${lineNumber}: its hash is not the one its content and ${event.stream}'s chain give (the line was changed after export)`);
      streams.set(event.stream, { revision: revision + 1n, hash: seal.actual });
      // Lower-cased as every store compares uuids.
      const eventId = event.eventId.toLowerCase();
      if (eventIds.has(eventId)) throw new Error(`line ${lineNumber}: eventId ${event.eventId} is another line's`);
      eventIds.add(eventId);
    }
    const heldBefore = await this.heldBefore(open, options.inputRules);
    let batch: ExportedEvent[] = [];
    let events = 0;
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await this.append(batch);
      events += batch.length;
      batch = [];
      options.onProgress?.(heldBefore + events, bytes);
    };
    let skipped = 0;
    for await (const read of exportedEvents(open(), options.inputRules)) {
      bytes = read.bytes;
      if (skipped < heldBefore) {
        skipped++;
        continue;
      }
      if (batch.length === MAX_BATCH || (batch.length > 0 && batch[0].stream !== read.event.stream)) await flush();
      batch.push(read.event);
    }
    await flush();
    return { appended: events, heldBefore };
  }

  /** How many of the file's first events the store holds, as its only events and in the file's order; else `ImportTargetNotEmpty`. */
  private async heldBefore(open: () => Readable, inputRules: InputRules): Promise<number> {
    const head = await this.store.headPosition();
    if (head === 0n) return 0;
    const lines = exportedEvents(open(), inputRules);
    try {
      let held = 0;
      for await (const page of pagesOfAll(this.store)) {
        for (const event of page) {
          const line = await lines.next();
          if (line.done || contentOf(line.value.event) !== contentOf(toExportedEvent(event))) throw new ImportTargetNotEmpty(head);
          held++;
        }
      }
      return held;
    } finally {
      await lines.return(undefined);
    }
  }

  private async append(batch: readonly ExportedEvent[]): Promise<void> {
    const first = BigInt(batch[0].revision);
    await this.store.appendToStream(
      batch[0].stream,
      batch.map(({ eventId, type, data, metadata }) => ({ id: eventId, type, data, metadata })),
      { expectedRevision: first === 0n ? 'no_stream' : first - 1n },
    );
  }
}

/**
 * Refuses what the API never writes of merges (docs/merge.md), which would make an incident count
 * nowhere or break the reads of merges: an event on a merged incident's stream after its merge, a
 * merge into itself or into an incident no earlier line of the file holds. `streams` and `merges`
 * hold the lines before; a merge is noted in `merges`.
 */
function mergeFault(event: ExportedEvent, streams: ReadonlyMap<string, unknown>, merges: Map<string, number>, lineNumber: number): void {
  const mergedAt = merges.get(event.stream);
  if (mergedAt !== undefined) throw new Error(`line ${lineNumber}: ${event.stream} was merged at line ${mergedAt}: a merged incident takes no event after its merge`);
  if (event.type !== 'IncidentMergedInto') return;
  const into = incidentStream(String(event.data.into));
  if (into === event.stream) throw new Error(`line ${lineNumber}: IncidentMergedInto: an incident cannot be merged into itself`);
  if (!streams.has(into)) throw new Error(`line ${lineNumber}: IncidentMergedInto: data.into names an incident no earlier line of the file holds`);
  merges.set(event.stream, lineNumber);
}

type Dates = Pick<IncidentFields, 'occurredAt' | 'occurredUntil'>;

/**
 * Refuses an incident's date range that ends before it starts (the domain's `requireOrderedRange`,
 * docs/time-and-place.md) as an opening or an amendment leaves it (`amendedFields`) with what
 * earlier lines set, as the API checks each amendment on the incident's fields. `dates` holds each incident's so far.
 */
function rangeFault(event: ExportedEvent, dates: Map<string, Dates>, lineNumber: number): void {
  if (event.type !== 'IncidentOpened' && event.type !== 'IncidentAmended') return;
  const before = dates.get(event.stream);
  if (event.type === 'IncidentAmended' && before === undefined) throw new Error(`line ${lineNumber}: IncidentAmended: no earlier line opened its incident`);
  // Only the dates are kept per incident: `amendedFields` carries the others over untouched.
  const { occurredAt, occurredUntil } = event.type === 'IncidentOpened' ? (event.data as unknown as IncidentFields) : amendedFields(before as IncidentFields, event.data as IncidentChanges);
  const after = { occurredAt, occurredUntil };
  try {
    requireOrderedRange(after);
  } catch (fault) {
    throw new Error(`line ${lineNumber}: ${event.type}: data.occurredUntil: ${(fault as Error).message}`, { cause: fault });
  }
  dates.set(event.stream, after);
}

/** The events of an export, each with its line number and the bytes of input read up to its end; a line that is not one is an error naming it. */
async function* exportedEvents(input: Readable, inputRules: InputRules): AsyncGenerator<{ event: ExportedEvent; lineNumber: number; bytes: number }> {
  let lineNumber = 0;
  let bytes = 0;
  for await (const read of byteLines(input)) {
    lineNumber++;
    bytes += read.length + 1;
    // A byte order mark before the first line (as some Windows editors save UTF-8) is not data.
    const raw = lineNumber === 1 && read.subarray(0, 3).equals(BYTE_ORDER_MARK) ? read.subarray(3) : read;
    // Bytes that are not UTF-8 would be read as U+FFFD: other data than the hash covers.
    if (!isUtf8(raw)) throw new Error(`line ${lineNumber}: not valid UTF-8`);
    const line = raw.toString('utf8');
    if (line.trim() === '') continue;
    yield { event: parseExportedEvent(line, lineNumber, inputRules), lineNumber, bytes };
  }
}

/**
 * The lines of `input` as bytes: split at LF, a CR before it dropped, as written by the export. A
 * line's pieces are kept apart until its end and joined once, so a line across many chunks costs
 * its length, not its length times its chunks.
 */
async function* byteLines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pieces: Buffer[] = [];
  for await (const chunk of input) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      const last = chunk.subarray(start, end);
      yield withoutCr(pieces.length > 0 ? Buffer.concat([...pieces, last]) : last);
      pieces = [];
      start = end + 1;
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
  }
  if (pieces.length > 0) yield withoutCr(Buffer.concat(pieces));
}

const withoutCr = (line: Buffer): Buffer => (line.at(-1) === 0x0d ? line.subarray(0, -1) : line);
