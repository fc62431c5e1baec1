import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { APPLICATION_STREAM_PREFIXES, sourceIdOf } from '../../event-store/stream-names.js';
import type { Projection, ProjectionWriter } from '../../projections/projection.js';
import { ProjectionHandler } from '../../projections/projections-host.js';
import { toSourceEvent } from '../stored-events/source-events.js';
import { SOURCE_EVENT_TYPES, type SourceFields } from '../domain/events.js';
import { evolveSource } from '../domain/source.js';
import { SourceRow } from './source.entity.js';

export const SOURCES_PROJECTION = 'sources';

/** The registry's list (`sources`), one row per source folded with the domain's `evolveSource`. */
@Injectable()
@ProjectionHandler()
export class SourcesProjection implements Projection {
  readonly name = SOURCES_PROJECTION;
  // Incident and actor events only move the checkpoint, so reads can wait for any write's position.
  readonly streamNamePrefixes = APPLICATION_STREAM_PREFIXES;
  readonly eventTypes = SOURCE_EVENT_TYPES;

  writer(): ProjectionWriter {
    return { apply: applySourceEvents };
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('TRUNCATE sources');
  }
}

/** Folds each event into its source's row; an event at or below the row's revision is a replay and is skipped. */
async function applySourceEvents(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
  const rows = manager.getRepository(SourceRow);
  const ids = [...new Set(events.map((event) => sourceIdOf(event.stream)))];
  const stored = new Map((await rows.findBy({ sourceId: In(ids) })).map((row): [string, SourceRow] => [row.sourceId, row]));
  for (const event of events) {
    const sourceId = sourceIdOf(event.stream);
    const row = stored.get(sourceId);
    if (row !== undefined && BigInt(row.revision) >= event.revision) continue;
    const { fields } = evolveSource({ fields: row as SourceFields | undefined }, toSourceEvent(event));
    if (fields === undefined) continue;
    const { name, aliases, kind, scale, reliability } = fields;
    stored.set(sourceId, { sourceId, name, aliases: [...aliases], kind, scale, reliability, revision: event.revision.toString(), position: event.position.toString() });
  }
  await rows.save(ids.flatMap((id) => stored.get(id) ?? []));
}
