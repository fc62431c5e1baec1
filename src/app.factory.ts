import { ConsoleLogger, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { fieldErrors, InvalidInput } from './common/invalid-input.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import type { Config } from './config/config.js';
import type { Runtime } from './config/runtime.js';

export const BODY_LIMIT = '256kb';

/** Rejects `__proto__` keys while parsing: they would reach class-transformer as prototype assignments. */
const rejectProtoKeys = (key: string, value: unknown): unknown => {
  if (key === '__proto__') throw new SyntaxError('"__proto__" is not an allowed key');
  return value;
};

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** LOG_LEVEL (pino-style names) to the Nest levels it enables: `info` shows fatal..log, `silent` nothing. */
export function logLevels(level: Config['LOG_LEVEL']): LogLevel[] {
  const index = { silent: -1, fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 }[level];
  return LEVELS.slice(0, index + 1);
}

/** Builds the HTTP application (not yet listening): used by `main.ts` and the e2e tests alike. */
export async function createApp(runtime: Runtime): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    bodyParser: false,
    logger: new ConsoleLogger({ json: true, logLevels: logLevels(runtime.config.LOG_LEVEL) }),
  });
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true, reviver: rejectProtoKeys });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: (errors) => new InvalidInput(fieldErrors(errors)),
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Incident Ledger')
      .setDescription('Event-sourced incident tallies. Errors are application/problem+json (RFC 9457).')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
