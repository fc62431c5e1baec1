import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** docs/api.md: what every write answers. */
@ApiSchema({ name: 'CommandResult' })
export class CommandResultDto {
  @ApiProperty({ format: 'uuid' })
  incidentId!: string;

  @ApiProperty({ format: 'uuid', required: false })
  recordId?: string;

  @ApiProperty({ description: "The incident stream's revision after the write", example: '3' })
  revision!: string;

  @ApiProperty({ description: 'Event-store position of the write, for ?consistentWith=', example: '4294967296' })
  position!: string;
}
