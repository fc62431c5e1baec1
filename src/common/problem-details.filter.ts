import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from './problem-details.js';

/** Seconds a client should wait before retrying a 503: about how long the embedded database takes to restart. */
export const RETRY_AFTER_SECONDS = 2;

/** Every REST error leaves as `application/problem+json`; a 503 (temporarily unavailable) with `Retry-After`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const body = { ...toProblem(error), instance: request.originalUrl };
    if (body.status >= 500) this.logger.error(error);
    const response = http.getResponse<Response>();
    if (body.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(body.status).type('application/problem+json').json(body);
  }
}
