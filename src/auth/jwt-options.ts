import type { JwtModuleOptions } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';

/** HS256 signing and verifying with `secret` (the server and the CLI's `token` command share it). */
export function jwtOptions(secret: string): JwtModuleOptions {
  return {
    // A KeyObject built once: given a string, jsonwebtoken tries to parse it as a public key on every verify.
    secret: createSecretKey(Buffer.from(secret)),
    signOptions: { algorithm: 'HS256' },
    verifyOptions: { algorithms: ['HS256'] },
  };
}
