// A virus scan through ClamAV's daemon (clamd) with its INSTREAM command, over its Unix socket or TCP:
// the upload is sent to clamd as it arrives (in chunks, waiting when clamd is slower), and clamd's answer
// comes once the stream ends. Off unless CLAMD_SOCKET or CLAMD_HOST is set (config.ts).
//
// Protocol (clamd(8)): "zINSTREAM\0", then chunks as <length: uint32 big-endian><bytes>, then a zero
// length; the answer is "stream: OK", "stream: <signature> FOUND" or "<reason> ERROR", ending in \0.
// clamd refuses a stream longer than its StreamMaxLength (25 MB by default): set it to at least the
// largest upload (IMPORT_MAX_SIZE), or every larger upload is refused as not scanned.
import { connect, type Socket } from 'node:net';

export type ClamdAddress = { socket: string } | { host: string; port: number };

export type ScanResult = { clean: true } | { clean: false; signature: string };

export class ScanUnavailable extends Error {
  override name = 'ScanUnavailable';
}

const MAX_CHUNK = 64 * 1024;

/** One INSTREAM scan: write the content as it arrives, then finish() for clamd's answer. */
export class ClamdScan {
  private answer = '';
  private failure: Error | undefined;
  private readonly ended: Promise<void>;

  constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.answer += data.toString('utf8');
    });
    this.ended = new Promise((resolve) => {
      socket.on('error', (error) => {
        this.failure ??= error;
        resolve();
      });
      socket.on('close', () => resolve());
    });
  }

  private check(): void {
    if (this.failure) throw new ScanUnavailable(`the virus scanner failed: ${this.failure.message}`);
  }

  private async send(bytes: Buffer): Promise<void> {
    this.check();
    if (this.socket.destroyed) throw new ScanUnavailable(`the virus scanner closed the connection${this.answer ? `: ${this.answer.replace(/\0/g, '')}` : ''}`);
    if (!this.socket.write(bytes)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
      this.check();
    }
  }

  /** Sends the next piece of the content (waits while clamd catches up). */
  async write(chunk: Buffer): Promise<void> {
    for (let at = 0; at < chunk.length; at += MAX_CHUNK) {
      const piece = chunk.subarray(at, at + MAX_CHUNK);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(piece.length);
      await this.send(Buffer.concat([length, piece]));
    }
  }

  /** Ends the stream and returns clamd's verdict (ScanUnavailable when it gives none). */
  async finish(): Promise<ScanResult> {
    await this.send(Buffer.alloc(4));
    await this.ended;
    this.check();
    const reply = this.answer.replace(/\0+$/, '').trim();
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found?.[1]) return { clean: false, signature: found[1] };
    if (reply === 'stream: OK') return { clean: true };
    throw new ScanUnavailable(`the virus scanner gave no verdict: ${reply || 'no answer'}`);
  }

  /** Abandons the scan (the upload failed for another reason). */
  abort(): void {
    this.socket.destroy();
  }
}

export class ClamdClient {
  constructor(
    private readonly address: ClamdAddress,
    private readonly timeoutMs: number,
  ) {}

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = 'socket' in this.address ? connect(this.address.socket) : connect(this.address.port, this.address.host);
      socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)));
      const fail = (error: Error) => reject(new ScanUnavailable(`the virus scanner cannot be reached: ${error.message}`));
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        resolve(socket);
      });
    });
  }

  /** Starts a scan (ScanUnavailable when clamd cannot be reached). */
  async scan(): Promise<ClamdScan> {
    const socket = await this.open();
    const scan = new ClamdScan(socket);
    socket.write('zINSTREAM\0');
    return scan;
  }

  /** Whether clamd answers PING (for the administration page and health checks). */
  async ping(): Promise<boolean> {
    try {
      const socket = await this.open();
      return await new Promise<boolean>((resolve) => {
        let answer = '';
        socket.on('data', (d: Buffer) => {
          answer += d.toString('utf8');
        });
        socket.on('error', () => resolve(false));
        socket.on('close', () => resolve(answer.replace(/\0/g, '').trim() === 'PONG'));
        socket.end('zPING\0');
      });
    } catch {
      return false;
    }
  }

  describe(): string {
    return 'socket' in this.address ? `clamd at ${this.address.socket}` : `clamd at ${this.address.host}:${this.address.port}`;
  }
}
