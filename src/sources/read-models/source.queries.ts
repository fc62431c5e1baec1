import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../../incidents/domain/domain-error.js';
import type { SourceFields } from '../domain/events.js';
import { SourceRow } from './source.entity.js';

/** A registered source as reads show it (docs/sources.md). */
export type SourceView = SourceFields & { readonly sourceId: string; readonly revision: string; readonly position: string };

const viewOf = ({ sourceId, name, aliases, kind, scale, reliability, revision, position }: SourceRow): SourceView =>
  ({ sourceId, name, aliases, kind, scale, reliability, revision, position }) as SourceView;

/** The registry's list read model. */
@Injectable()
export class SourceQueries {
  constructor(@InjectRepository(SourceRow) private readonly rows: Repository<SourceRow>) {}

  /** Every registered source, by name. */
  async list(): Promise<SourceView[]> {
    return (await this.rows.find({ order: { name: 'ASC', sourceId: 'ASC' } })).map(viewOf);
  }

  /** One source; `SOURCE.NOT_FOUND` (404) when it is not (yet) in the list. */
  async get(sourceId: string): Promise<SourceView> {
    const row = await this.rows.findOneBy({ sourceId });
    if (row === null) throw new DomainError('SOURCE.NOT_FOUND', `No source ${sourceId}`);
    return viewOf(row);
  }
}
