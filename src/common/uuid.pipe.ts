import type { PipeTransform } from '@nestjs/common';
import { parseUuid } from './input-values.js';

/** A UUID path parameter, lower-cased (`parseUuid`); anything else is a 400 naming `field`. */
class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    return parseUuid(value, this.field);
  }
}

export const uuidParam = (field: string): PipeTransform<string, string> => new UuidPipe(field);
