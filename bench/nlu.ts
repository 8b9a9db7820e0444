/**
 * Benchmark of the message-understanding pipeline: throughput on one core over a mixed corpus,
 * cold model load time, and heap held by a loaded pipeline.
 * Run: node --expose-gc --import tsx bench/nlu.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function corpus(): string[] {
  const texts: string[] = [];
  for (const path of [resolve(here, '../test/intents/extra.jsonl'), resolve(here, '../../shared/nlu/dev.jsonl')]) {
    try {
      for (const line of readFileSync(path, 'utf8').split('\n'))
        if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    } catch {
      // The shared dev set may be absent on a user's machine; the extra set is enough.
    }
  }
  return texts;
}

function gc(): boolean {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) return false;
  g();
  g();
  return true;
}

/** Runs the benchmark and returns its figures. */
export async function benchNlu(): Promise<Record<string, number>> {
  const hasGc = gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // The reader model is trained by `npm install` (or on first use); what a start pays is loading it.
  const { currentModel } = await import('../src/services/reader.js');
  currentModel();
  const t0 = performance.now();
  const { createPipeline, loadModel } = await import('../src/intents/index.js');
  const { readModelFile } = await import('../src/store/reader-files.js');
  const pipeline = createPipeline({ model: loadModel(readModelFile()!) });
  const ref = new Date('2024-11-27T10:00:00+08:00');
  pipeline.read('3栋2单元楼道灯坏了', ref);
  const loadMs = performance.now() - t0;
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  const texts = corpus();
  // Vary the text a little so no cache of any kind can help.
  const messages = Array.from(
    { length: 40_000 },
    (_, i) => `${texts[i % texts.length]}${i % 7 === 0 ? ` ${i % 97}` : ''}`,
  );
  for (let i = 0; i < 2_000; i++) pipeline.read(messages[i], ref);
  const t1 = performance.now();
  for (const m of messages) pipeline.read(m, ref);
  const seconds = (performance.now() - t1) / 1000;

  return {
    messages: messages.length,
    messages_per_second: Math.round(messages.length / seconds),
    microseconds_per_message: Math.round(((seconds * 1e6) / messages.length) * 10) / 10,
    model_load_ms: Math.round(loadMs * 10) / 10,
    heap_mb: Math.round(heapMb * 10) / 10,
    heap_measured_with_gc: hasGc ? 1 : 0,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchNlu().then((figures) => {
    for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
  });
}
