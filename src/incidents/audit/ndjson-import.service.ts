import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { EventStore } from '../../event-store/event-store.port.js';
import { parseExportedEvent, type ExportedEvent } from './exported-event.js';

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/** Consecutive events of one stream appended at once; bounds memory and the size of an append. */
const MAX_BATCH = 500;

/** The target store already holds events: an import only ever fills an empty store. */
export class ImportTargetNotEmpty extends Error {
  constructor(readonly headPosition: bigint) {
    super(`The event store is not empty (head position ${headPosition}); import only into an empty store`);
  }
}

export interface ImportOptions {
  /** After every append: events imported so far and bytes of input consumed. */
  readonly onProgress?: (events: number, bytes: number) => void;
}

/**
 * Loads an export (`NdjsonExportService`) into an empty store, keeping event ids, types, data and
 * metadata (so every hash) and the order of `$all`. The file is read twice (`open` gives it from the
 * start each time): first every line is checked (UTF-8, the export's shape, each stream's revisions
 * from 0 without a gap, a repeat or a reordering, each event id once), so a file refused on any line
 * writes nothing; then consecutive events of a stream go in one append whose expected revision is
 * exactly the one before the first of them, which the store checks again.
 */
@Injectable()
export class NdjsonImportService {
  constructor(private readonly store: EventStore) {}

  async import(open: () => Readable, options: ImportOptions = {}): Promise<number> {
    const head = await this.store.headPosition();
    if (head !== 0n) throw new ImportTargetNotEmpty(head);
    const next = new Map<string, bigint>();
    const eventIds = new Set<string>();
    for await (const { event, lineNumber } of exportedEvents(open())) {
      const expected = next.get(event.stream) ?? 0n;
      if (BigInt(event.revision) !== expected) throw new Error(`line ${lineNumber}: ${event.stream} revision ${event.revision} where ${expected} comes next`);
      next.set(event.stream, expected + 1n);
      // Lower-cased as every store compares uuids.
      const eventId = event.eventId.toLowerCase();
      if (eventIds.has(eventId)) throw new Error(`line ${lineNumber}: eventId ${event.eventId} is another line's`);
      eventIds.add(eventId);
    }
    let batch: ExportedEvent[] = [];
    let events = 0;
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await this.append(batch);
      events += batch.length;
      batch = [];
      options.onProgress?.(events, bytes);
    };
    for await (const read of exportedEvents(open())) {
      bytes = read.bytes;
      if (batch.length === MAX_BATCH || (batch.length > 0 && batch[0].stream !== read.event.stream)) await flush();
      batch.push(read.event);
    }
    await flush();
    return events;
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

/** The events of an export, each with its line number and the bytes of input read up to its end; a line that is not one is an error naming it. */
async function* exportedEvents(input: Readable): AsyncGenerator<{ event: ExportedEvent; lineNumber: number; bytes: number }> {
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
    yield { event: parseExportedEvent(line, lineNumber), lineNumber, bytes };
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
