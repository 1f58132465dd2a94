import { applyDecorators } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DocumentBuilder,
  getSchemaPath,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

export const BEARER_AUTH = 'bearer';
export const OPENAPI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/json';

export class ProblemFieldError {
  @ApiProperty({
    example: 'lines.0.sku',
    description: 'Dotted path of the field (or a header name, `body`, `cursor`).',
  })
  field!: string;

  @ApiProperty({ type: [String], example: ['sku must be a string'] })
  messages!: string[];
}

/** RFC 9457 problem details, as every error of the API is answered (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'https://cx-platform.dev/problems/validation-failed' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is invalid: see errors for each field.' })
  detail!: string;

  @ApiProperty({ example: '/api/v1/complaints', description: 'Path of the request.' })
  instance!: string;

  @ApiPropertyOptional({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code.' })
  code?: string;

  @ApiPropertyOptional({ type: [ProblemFieldError] })
  errors?: ProblemFieldError[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: '4bf92f3577b34da6a3ce929d0e0e4736',
    description: 'On 5xx: quote it when reporting.',
  })
  correlationId?: string;
}

/** `@ApiProblem(404, 'No such complaint')`: documents an error answer with the problem schema. */
export function ApiProblem(status: number, description: string) {
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ApiResponse({
      status,
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponse) } } },
    }),
  );
}

export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
}

/**
 * Serves Swagger UI at /docs and the document at /docs/json. Every operation requires the bearer
 * token unless marked @Public() (which documents `security: [{}]`). Call after NestFactory.create
 * and before app.init()/listen(). Returns the document (tests and lint can read it).
 */
export function setupOpenApi(app: NestFastifyApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setVersion(options.version)
    .setDescription(options.description ?? '')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .addSecurityRequirements(BEARER_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemResponse, ProblemFieldError],
  });
  SwaggerModule.setup(OPENAPI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
  });
  return document;
}
