import type { DataSource, Logger } from 'typeorm';

/** `run`'s result and every SQL statement the app's TypeORM data source sent while it ran. */
export async function statementsDuring<T>(dataSource: DataSource, run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = dataSource.logger;
  const counting: Logger = Object.assign(Object.create(original) as Logger, {
    logQuery(query: string, ...rest: unknown[]) {
      statements.push(query);
      return (original.logQuery as (...args: unknown[]) => unknown).call(original, query, ...rest);
    },
  });
  dataSource.logger = counting;
  try {
    return { result: await run(), statements };
  } finally {
    dataSource.logger = original;
  }
}
