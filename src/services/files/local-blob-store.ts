// File contents on local disk, under DATA_DIR/files (folders 700, files 600). For one instance: several
// instances on different hosts must share S3-compatible storage instead. An object is written to tmp/,
// flushed to disk, then renamed into place (and the folder flushed), so an acknowledged upload survives a
// crash and no reader ever sees half an object.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, constants, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFound, type BlobStore, checkKey, type StoredObject, TEMPORARY_PREFIX } from './blob-store.ts';

async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class LocalBlobStore implements BlobStore {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  describe(): string {
    return `local disk at ${this.root}`;
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    await access(this.root, constants.W_OK);
  }

  private path(key: string): string {
    return join(this.root, ...checkKey(key).split('/'));
  }

  async putTemporary(body: Readable): Promise<string> {
    const key = `${TEMPORARY_PREFIX}${randomUUID()}`;
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    try {
      // flush: the file is on disk (fsync) before the stream reports it written.
      await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return key;
  }

  async promote(temporaryKey: string, key: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await rename(this.path(temporaryKey), target);
    await syncFolder(dirname(target));
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await open(this.path(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFound(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const start = join(this.root, ...prefix.split('/').filter(Boolean));
    const walk = async function* (folder: string, root: string): AsyncIterable<StoredObject> {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) yield* walk(path, root);
        else if (entry.isFile()) {
          const info = await stat(path).catch(() => undefined);
          if (info) yield { key: relative(root, path).split(sep).join('/'), modifiedAt: info.mtime };
        }
      }
    };
    yield* walk(start, this.root);
  }
}
