import type { LoggerService } from '@nestjs/common';

/**
 * Logs an error a transport answered with `answer` (from `toProblem`, REST and GraphQL alike):
 * an unexpected one (500 `INTERNAL`, `toProblem`'s answer to what it does not know) at `error` with
 * its stack; an expected unavailability such as `READ_MODEL.BEHIND` or `STORE.UNAVAILABLE` (any other
 * 5xx) as one `warn` line; client errors (4xx) not at all, the response says everything about them.
 */
export function logProblem(logger: LoggerService, answer: { readonly code: string; readonly status: number }, error: unknown): void {
  if (answer.status < 500) return;
  if (answer.code === 'INTERNAL') logger.error(error);
  else logger.warn(`${answer.status} ${answer.code}: ${error instanceof Error ? error.message : String(error)}`);
}
