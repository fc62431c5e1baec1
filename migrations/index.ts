import type { MigrationInterface } from 'typeorm';

/** Every migration, in order. Register new ones here (explicit imports work under ts-jest and in dist/). */
export const migrations: (new () => MigrationInterface)[] = [];
