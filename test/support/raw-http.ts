import { connect } from 'node:net';

/**
 * Sends `request` as raw bytes on a new TCP connection to `port` on loopback and resolves with
 * everything the server sent, once it ends the connection (a test of a request no HTTP client would
 * send: malformed, pipelined, an upgrade).
 */
export function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}
