import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../../incidents/domain/domain-error.js';
import type { SourceFields } from '../domain/events.js';
import { SOURCE_STREAM_PREFIX, sourceStream } from '../../event-store/stream-names.js';
import { assertNotQuarantined, notQuarantined } from '../../projections/quarantine.js';
import { SourceRow } from './source.entity.js';
import { SOURCES_PROJECTION } from './sources.projection.js';

/** A registered source as reads show it (docs/sources.md). */
export type SourceView = SourceFields & { readonly sourceId: string; readonly revision: string; readonly position: string };

const viewOf = ({ sourceId, name, aliases, kind, scale, reliability, revision, position }: SourceRow): SourceView =>
  ({ sourceId, name, aliases, kind, scale, reliability, revision, position }) as SourceView;

/** The registry's list read model. */
@Injectable()
export class SourceQueries {
  constructor(@InjectRepository(SourceRow) private readonly rows: Repository<SourceRow>) {}

  /** Every registered source, by name; one the projection holds back is left out, as quarantined actors are (docs/quarantine.md). */
  async list(): Promise<SourceView[]> {
    const rows = await this.rows.createQueryBuilder('s').where(notQuarantined(SOURCES_PROJECTION, SOURCE_STREAM_PREFIX, 's.source_id')).orderBy('s.name', 'ASC').addOrderBy('s.source_id', 'ASC').getMany();
    return rows.map(viewOf);
  }

  /** One source; `SOURCE.NOT_FOUND` (404) when it is not (yet) in the list, `READ_MODEL.QUARANTINED` (503) while the projection holds it back. */
  async get(sourceId: string): Promise<SourceView> {
    await assertNotQuarantined(this.rows.manager, SOURCES_PROJECTION, sourceStream(sourceId));
    const row = await this.rows.findOneBy({ sourceId });
    if (row === null) throw new DomainError('SOURCE.NOT_FOUND', `No source ${sourceId}`);
    return viewOf(row);
  }
}
