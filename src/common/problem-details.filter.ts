import { type ArgumentsHost, Catch, type ExceptionFilter, Logger, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { allowedMethods } from './allowed-methods.js';
import { logProblem } from './log-problem.js';
import { RETRY_AFTER_SECONDS, toProblem } from './problem-details.js';

/**
 * Every REST error leaves as `application/problem+json`; a 503 says when to retry (`Retry-After`); a
 * request for a path routed for other methods only is 405, with the methods in `Allow`.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const allow = error instanceof NotFoundException ? allowedMethods(request).join(', ') : '';
    if (allow !== '') {
      response.setHeader('Allow', allow);
      error = new MethodNotAllowedException(`${request.path} takes ${allow}, not ${request.method}`);
    }
    const body = { ...toProblem(error), instance: request.originalUrl };
    logProblem(this.logger, body, error);
    if (body.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(body.status).type('application/problem+json').json(body);
  }
}
