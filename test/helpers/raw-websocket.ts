import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A frame as the hub sent it. */
export interface ServerFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

/** A WebSocket client that writes its own bytes: for frames no real client library would send. */
export interface RawWebSocket {
  readonly socket: Socket;
  /** Text frames received so far. */
  readonly texts: string[];
  /** Resolves with the first text frame `match` accepts (already received or yet to come). */
  text(match: (text: string) => boolean): Promise<string>;
  /** Resolves with the close code of the hub's close frame, or null if the connection ended without one. */
  readonly closeCode: Promise<number | null>;
  /** Resolves once the TCP connection is gone. */
  readonly ended: Promise<void>;
  write(bytes: Buffer): void;
}

/** Options of one client frame; the defaults make a valid masked, final text frame. */
export interface FrameOptions {
  readonly opcode?: number;
  readonly payload: Buffer | string;
  readonly mask?: boolean;
  readonly rsv1?: boolean;
  readonly fin?: boolean;
}

/** Encodes one client-to-server frame (RFC 6455 §5.2), masked unless told otherwise. */
export function clientFrame(options: FrameOptions): Buffer {
  const payload = typeof options.payload === 'string' ? Buffer.from(options.payload) : options.payload;
  const mask = options.mask ?? true;
  const b0 = ((options.fin ?? true) ? 0x80 : 0) | (options.rsv1 ? 0x40 : 0) | (options.opcode ?? 0x1);
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([b0, (mask ? 0x80 : 0) | len])
      : len < 65536
        ? Buffer.from([b0, (mask ? 0x80 : 0) | 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([b0, (mask ? 0x80 : 0) | 127]), bigLength(len)]);
  if (!mask) return Buffer.concat([head, payload]);
  const key = randomBytes(4);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = (payload[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([head, key, masked]);
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}

/** Performs a real upgrade handshake on a plain TCP socket, then parses what the hub sends. */
export function openRawWebSocket(url: string, headers: Readonly<Record<string, string>> = {}): Promise<RawWebSocket> {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  socket.on('error', () => undefined); // the hub may cut us off mid-write; `ended` reports it
  const request = [
    `GET ${target.pathname} HTTP/1.1`,
    `Host: ${target.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  socket.write(`${request}\r\n\r\n`);
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const status = buffered.subarray(0, buffered.indexOf('\r\n')).toString();
      if (!status.startsWith('HTTP/1.1 101')) {
        reject(new Error(`upgrade refused: ${status}`));
        socket.destroy();
        return;
      }
      resolve(framed(socket, buffered.subarray(end + 4)));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('connection closed during the handshake')));
  });
}

function framed(socket: Socket, initial: Buffer): RawWebSocket {
  const texts: string[] = [];
  const waiters: Array<{ match: (t: string) => boolean; resolve: (t: string) => void }> = [];
  let onClose: (code: number | null) => void = () => undefined;
  const closeCode = new Promise<number | null>((resolve) => (onClose = resolve));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void ended.then(() => onClose(null));
  let pending = Buffer.alloc(0);
  const onFrame = (frame: ServerFrame): void => {
    if (frame.opcode === 0x8) onClose(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005);
    if (frame.opcode !== 0x1) return;
    const text = frame.payload.toString('utf8');
    texts.push(text);
    for (const w of waiters.filter((x) => x.match(text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(text);
    }
  };
  const onData = (chunk: Buffer): void => {
    pending = Buffer.concat([pending, chunk]);
    for (let next = readFrame(pending); next; next = readFrame(pending)) {
      pending = pending.subarray(next.size);
      onFrame(next.frame);
    }
  };
  socket.on('data', onData);
  onData(initial);
  return {
    socket,
    texts,
    text: (match) => {
      const seen = texts.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    closeCode,
    ended,
    write: (bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    },
  };
}

/** Reads one unmasked server frame from the front of `buf`, or null when it is not all there yet. */
function readFrame(buf: Buffer): { frame: ServerFrame; size: number } | null {
  if (buf.length < 2) return null;
  const b0 = buf[0] ?? 0;
  const len7 = (buf[1] ?? 0) & 0x7f;
  const extra = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  if (buf.length < 2 + extra) return null;
  const len = len7 === 126 ? buf.readUInt16BE(2) : len7 === 127 ? Number(buf.readBigUInt64BE(2)) : len7;
  const start = 2 + extra;
  if (buf.length < start + len) return null;
  return { frame: { opcode: b0 & 0x0f, payload: buf.subarray(start, start + len) }, size: start + len };
}
