import { ApiProperty } from '@nestjs/swagger';
import { RegisteredSourceDto } from '../source.views.js';

/** `GET /sources`' envelope (GraphQL's `sources` returns the list itself). */
export class SourceListDto {
  @ApiProperty({ type: [RegisteredSourceDto] }) items!: RegisteredSourceDto[];
}
