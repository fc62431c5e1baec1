import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { readShapeSchemas } from './graphql-shapes.js';

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
  return { ...document, components: { ...document.components, schemas: { ...schemas, ...shapes } } };
}
