import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logProblem } from './log-problem.js';
import { toProblem } from './problem-details.js';

/** Every REST error leaves as `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const body = { ...toProblem(error), instance: request.originalUrl };
    logProblem(this.logger, body, error);
    http.getResponse<Response>().status(body.status).type('application/problem+json').json(body);
  }
}
