import { connect } from 'node:net';

/**
 * Sends `request` as raw bytes on a new TCP connection to `port` on loopback and resolves with
 * everything the server sent, once it ends the connection, or once what it sent satisfies `until`
 * (the connection is then closed): a test of a request no HTTP client would send (malformed,
 * pipelined, an upgrade).
 */
export function rawExchange(port: number, request: string, until?: (received: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    const received = () => Buffer.concat(chunks).toString();
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (until?.(received())) {
        socket.destroy();
        resolve(received());
      }
    });
    socket.on('end', () => resolve(received()));
    socket.on('error', reject);
  });
}
