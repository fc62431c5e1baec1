import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { GuardedClient } from './guarded-client.js';

/** TypeORM options shared by the app, the CLI and tests. The schema comes only from `migrations/`. */
export const dataSourceOptions = (url: string): DataSourceOptions & { type: 'postgres' } => ({
  type: 'postgres',
  url,
  migrations,
  migrationsTransactionMode: 'each',
  synchronize: false,
  extra: { max: 20, Client: GuardedClient },
});

/** Runs pending migrations on `url` and returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
