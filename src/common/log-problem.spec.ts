import { describe, expect, it } from '@jest/globals';
import { HttpException, type LoggerService } from '@nestjs/common';
import { ProjectionBehind } from '../projections/projection-positions.js';
import { logProblem } from './log-problem.js';
import { toProblem } from './problem-details.js';

function recordingLogger() {
  const lines: { level: string; message: unknown }[] = [];
  const at = (level: string) => (message: unknown) => void lines.push({ level, message });
  const logger: LoggerService = { log: at('log'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

const logged = (error: unknown) => {
  const { logger, lines } = recordingLogger();
  logProblem(logger, toProblem(error), error);
  return lines;
};

describe('logProblem', () => {
  it('logs an expected 503 (READ_MODEL.BEHIND) as one warn line, without a stack', () => {
    const lines = logged(new ProjectionBehind('incidents', 42n, 5000));
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('warn');
    expect(lines[0].message).toMatch(/^503 READ_MODEL\.BEHIND: /);
    expect(String(lines[0].message)).not.toContain('    at ');
  });

  it('answers a statement that lost to another transaction (deadlock 40P01, serialization 40001) as 503 STORE.BUSY, logged as one warn line', () => {
    for (const code of ['40P01', '40001']) {
      const lost = Object.assign(new Error('deadlock detected'), { code });
      expect(toProblem(lost)).toMatchObject({ status: 503, code: 'STORE.BUSY' });
      expect(logged(lost)).toEqual([{ level: 'warn', message: expect.stringMatching(/^503 STORE\.BUSY: /) }]);
    }
  });

  it('answers a body the client stopped sending (an HttpException caused by ECONNABORTED) as its 400, not the database down, and logs nothing', () => {
    const aborted = new HttpException('request aborted', 400, { cause: Object.assign(new Error('request aborted'), { code: 'ECONNABORTED', type: 'request.aborted' }) });
    expect(toProblem(aborted)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(logged(aborted)).toEqual([]);
  });

  it('logs an unexpected error at error with the error itself (its stack)', () => {
    const error = new TypeError('boom');
    expect(logged(error)).toEqual([{ level: 'error', message: error }]);
  });

  it('does not log client errors', () => {
    const { logger, lines } = recordingLogger();
    logProblem(logger, { code: 'INPUT.INVALID', status: 400 }, new Error('bad'));
    expect(lines).toEqual([]);
  });
});
