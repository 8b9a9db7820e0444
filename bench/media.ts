/**
 * The media store's figures: the time to write and to read back one photo (a phone photo of
 * about 300 KB after the chat app's compression), and the disk a thousand of them take,
 * including the two-level fan-out folders. Run alone: `node --import tsx bench/media.ts`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileMediaStore } from '../src/store/media-store.js';

const PHOTOS = 1000;
const PHOTO_BYTES = 300 * 1024;

const photo = () =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(PHOTO_BYTES - 6), Buffer.from([0xff, 0xd9])]);
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

export async function benchMedia(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'gridbot-bench-media-'));
  try {
    const store = new FileMediaStore(dir);
    const writes: number[] = [];
    const reads: number[] = [];
    const stored: string[] = [];
    for (let i = 0; i < PHOTOS; i++) {
      const bytes = photo();
      const t0 = performance.now();
      const { sha256 } = await store.put(bytes, 'image/jpeg');
      writes.push(performance.now() - t0);
      stored.push(sha256);
    }
    for (const sha of stored) {
      const t0 = performance.now();
      await store.read(sha, 'image/jpeg');
      reads.push(performance.now() - t0);
    }
    const kb = Number(execFileSync('du', ['-sk', dir]).toString().split(/\s+/)[0]);
    return {
      photo_kb: PHOTO_BYTES / 1024,
      write_median_ms: Number(percentile(writes, 0.5).toFixed(2)),
      write_p99_ms: Number(percentile(writes, 0.99).toFixed(2)),
      read_median_ms: Number(percentile(reads, 0.5).toFixed(2)),
      read_p99_ms: Number(percentile(reads, 0.99).toFixed(2)),
      disk_mb_for_1000: Number((kb / 1024).toFixed(1)),
      overhead_pct: Number((((kb * 1024) / (PHOTOS * PHOTO_BYTES) - 1) * 100).toFixed(1)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchMedia());
