import { Column, type ColumnOptions } from 'typeorm';

/**
 * A column holding a figure, a sum of counts: `bigint` in PostgreSQL, so whatever the events add up
 * to is stored (migration `1797000000000-figures-bigint`), and a `number` in rows. node-postgres
 * reads `bigint` as a decimal string, which this parses: figures of one incident are capped at
 * 10,000,000 (docs/figure-limits.md), far inside the integers a double holds exactly.
 */
export const FigureColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column('bigint', { ...options, transformer: { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) } });
