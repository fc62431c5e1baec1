import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logProblem } from './log-problem.js';
import { RETRY_AFTER_SECONDS, toProblem } from './problem-details.js';

/** Every REST error leaves as `application/problem+json`; a 503 says when to retry (`Retry-After`). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const body = { ...toProblem(error), instance: request.originalUrl };
    logProblem(this.logger, body, error);
    const response = http.getResponse<Response>();
    if (body.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(body.status).type('application/problem+json').json(body);
  }
}
