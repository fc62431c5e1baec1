import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { problemResponse } from './api-responses.js';
import { readShapeSchemas } from './graphql-shapes.js';

/** Every route that takes a body refuses one that is not JSON (415, `createApp`). */
function withMediaTypeProblems(paths: OpenAPIObject['paths']): OpenAPIObject['paths'] {
  for (const operation of Object.values(paths).flatMap((item) => [item.post, item.put, item.patch, item.delete])) {
    if (operation?.requestBody) operation.responses['415'] = problemResponse(415);
  }
  return paths;
}

/**
 * The REST API's OpenAPI 3.0 document (`/docs-json`): routes, parameters and bodies from the controllers'
 * decorators and DTOs, read responses from the GraphQL types they share. Call it once the app is
 * initialised: the GraphQL schema is built on init.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Incident Ledger')
      .setDescription('Event-sourced incident tallies. Errors are application/problem+json (RFC 9457).')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 token with claims sub and roles' })
      .build(),
  );
  const schemas = document.components?.schemas ?? {};
  const shapes = readShapeSchemas(app.get(GraphQLSchemaHost).schema);
  const clash = Object.keys(shapes).find((name) => name in schemas);
  if (clash) throw new Error(`OpenAPI schema ${clash} is both a REST DTO and a GraphQL read shape`);
  return { ...document, paths: withMediaTypeProblems(document.paths), components: { ...document.components, schemas: { ...schemas, ...shapes } } };
}
