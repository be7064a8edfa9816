// The deployment's file storage check: deployment administrators upload, download and delete test files
// through the whole path (multipart stream, checks, virus scan, encryption, the configured store) to see
// that storage works after installing or reconfiguring the service. It belongs to no capability and
// holds no case material; its files are deployment-wide, referenced by the check itself.

import type { Readable } from 'node:stream';
import type { FilePurpose } from '../domain/files.ts';
import { can } from '../domain/permissions.ts';
import { type Caller, forbidden, notFound } from './context.ts';
import type { FileOwner, FileService, StoredFile } from './files/file-service.ts';

/** The check's own reference to each file it stored. */
const FILE_STORAGE_CHECK: FileOwner = { type: 'file_storage_check', id: 'deployment' };

export interface FileStorageOverview {
  storage: string;
  kind: 'local' | 's3';
  /** clamd's address when uploads are scanned; undefined when they are not. */
  scanner: string | undefined;
  maxBytes: Record<FilePurpose, number>;
  files: StoredFile[];
}

export class FileStorageCheckService {
  constructor(private readonly deps: { files: FileService }) {}

  private guard(caller: Caller): void {
    if (!can(caller.actor, 'deployment.administer')) throw forbidden();
  }

  async overview(caller: Caller): Promise<FileStorageOverview> {
    this.guard(caller);
    const { files } = this.deps;
    return { ...files.describe(), maxBytes: files.limits.maxBytes, files: await files.filesOf(FILE_STORAGE_CHECK) };
  }

  async file(caller: Caller, fileId: string): Promise<StoredFile> {
    this.guard(caller);
    const file = await this.deps.files.fileOf(fileId, FILE_STORAGE_CHECK);
    if (!file) throw notFound('file');
    return file;
  }

  async upload(caller: Caller, input: { purpose: FilePurpose; name: string; content: Readable }): Promise<StoredFile> {
    this.guard(caller);
    return this.deps.files.upload(caller, { boardId: null, ...input, owner: FILE_STORAGE_CHECK });
  }

  async download(caller: Caller, fileId: string): Promise<{ file: StoredFile; content: Readable }> {
    this.guard(caller);
    return this.deps.files.download(caller, fileId, FILE_STORAGE_CHECK);
  }

  async delete(caller: Caller, fileId: string): Promise<void> {
    this.guard(caller);
    await this.deps.files.release(caller, fileId, FILE_STORAGE_CHECK);
  }
}
