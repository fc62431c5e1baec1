import { type DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { jwtOptions } from '../auth/jwt-options.js';
import { TokenService } from '../auth/token.service.js';
import { ClockModule } from '../common/clock.module.js';
import type { TokenConfig } from '../config/config.js';
import { RUNTIME } from '../config/runtime.module.js';
import { TokenCommand } from './token.command.js';

/** The `token` command alone: signing needs only the server's secret, not its database or module graph. */
@Module({})
export class TokenCliModule {
  static signingWith(secret: string, config: TokenConfig): DynamicModule {
    return {
      module: TokenCliModule,
      imports: [JwtModule.register(jwtOptions(secret)), ClockModule],
      providers: [{ provide: RUNTIME, useValue: { config } }, TokenService, TokenCommand],
    };
  }
}
