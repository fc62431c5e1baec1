import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { RUNTIME } from '../config/runtime.module.js';
import type { Runtime } from '../config/runtime.js';
import { AuthGuard } from './auth.guard.js';
import { jwtOptions } from './jwt-options.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [RUNTIME],
      useFactory: ({ jwtSecret }: Runtime) => (jwtSecret === undefined ? {} : jwtOptions(jwtSecret)),
    }),
  ],
  providers: [TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService],
})
export class AuthModule {}
