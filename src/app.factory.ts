import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { fieldErrors, InvalidInput } from './common/invalid-input.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import type { Runtime } from './config/runtime.js';

export const BODY_LIMIT = '256kb';

/** Rejects `__proto__` keys while parsing: they would reach class-transformer as prototype assignments. */
const rejectProtoKeys = (key: string, value: unknown): unknown => {
  if (key === '__proto__') throw new SyntaxError('"__proto__" is not an allowed key');
  return value;
};

/** Builds the HTTP application (not yet listening): used by `main.ts` and the e2e tests alike. */
export async function createApp(runtime: Runtime): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
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
