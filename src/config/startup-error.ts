import { ConfigError } from './config.js';

type SystemError = Error & { code?: string; syscall?: string; path?: string; port?: number };

/**
 * One line for an operator from an error that stopped start-up: configuration problems and the system
 * errors a wrong `PORT` or `DATA_DIR` causes (port taken or privileged, data directory not a directory or
 * not writable) read as what to change; anything else is returned as is, stack included.
 */
export function describeStartupError(error: unknown): unknown {
  if (error instanceof ConfigError) return error.message;
  const { code, syscall, path, port } = error as SystemError;
  if (syscall === 'listen' && code === 'EADDRINUSE') return `PORT ${port} is already in use: stop what listens there or set PORT to a free port.`;
  if (syscall === 'listen' && code === 'EACCES') return `PORT ${port} needs privileges this process lacks: set PORT to 1024 or above.`;
  if (path !== undefined && (code === 'EEXIST' || code === 'ENOTDIR')) return `${path} is not a directory: set DATA_DIR to a directory (or a path to create).`;
  if (path !== undefined && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) return `${path} is not writable by this user: set DATA_DIR to a writable directory.`;
  return error;
}
