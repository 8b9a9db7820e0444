/**
 * The media store: the bytes of photos, voice notes and files, content-addressed by SHA-256
 * (`<dir>/ab/cd/<sha256>.<ext>`). The same photo sent twice is kept once; a file is written
 * under a temporary name and renamed into place, so a reader never sees half a file and
 * several instances may share one directory (see docs/decisions/0008-media-store.md).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { extensionOf } from '../common/sniff.js';

export interface StoredMedia {
  sha256: string;
  mime: string;
  size: number;
  /** Absolute path of the stored file. */
  path: string;
}

/** The port: where bytes go and come back from. Another backend (object storage) implements the same. */
export interface MediaStore {
  /** Keeps the bytes (once per content) and says where. */
  put(bytes: Uint8Array, mime: string): Promise<StoredMedia>;
  /** The bytes of a stored file; throws when absent. */
  read(sha256: string, mime: string): Promise<Uint8Array>;
  /** Where a stored file is (for adapters that send from a path). */
  pathOf(sha256: string, mime: string): string;
}

/**
 * A media store on a local or shared file system.
 * @example const media = new FileMediaStore('data/media'); const { path } = await media.put(bytes, 'image/jpeg');
 */
export class FileMediaStore implements MediaStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  pathOf(sha256: string, mime: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${extensionOf(mime)}`);
  }

  async put(bytes: Uint8Array, mime: string): Promise<StoredMedia> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256, mime);
    const existing = await stat(path).catch(() => null);
    if (existing?.size !== bytes.length) {
      await mkdir(join(path, '..'), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, path);
      } catch (error) {
        await unlink(temporary).catch(() => {});
        throw error;
      }
    }
    return { sha256, mime, size: bytes.length, path };
  }

  async read(sha256: string, mime: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(sha256, mime)));
  }
}
