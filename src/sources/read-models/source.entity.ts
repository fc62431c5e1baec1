import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One registered source as last amended (docs/sources.md `GET /sources`), with the stream revision and `$all` position it reflects. */
@Entity('sources')
export class SourceRow {
  @PrimaryColumn('uuid', { name: 'source_id' })
  sourceId!: string;

  @Column('text')
  name!: string;

  @Column('text', { array: true })
  aliases!: string[];

  @Column('text')
  kind!: string;

  @Column('text')
  scale!: string;

  @Column('text')
  reliability!: string;

  @Column('bigint')
  revision!: string;

  @Column('bigint')
  position!: string;
}
