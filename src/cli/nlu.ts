/**
 * `gridbot nlu`: JSON lines `{"id","text"}` in, one SPEC-shaped JSON line out per input, in order.
 * A line that is not JSON still gets an answer (chitchat, with its id when one can be found).
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { specCommand } from '../intents/index.js';
import { loadReader } from '../services/reader.js';

const NO_LOCATION = { building: null, unit: null, room: null };

function fallback(id: unknown) {
  return {
    id: id ?? null,
    intent: 'chitchat',
    category: null,
    urgent: false,
    location: NO_LOCATION,
    command: null,
    ticket: null,
  };
}

function idOf(line: string): unknown {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(line);
  if (!m) return null;
  try {
    return JSON.parse(m[1]);
  } catch {
    return null;
  }
}

/**
 * Reads JSON lines from `input` and writes one prediction line per input line to `output`.
 * The reference time for relative dates is the moment the command starts.
 */
export async function runNlu(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const pipeline = await loadReader(null);
  const ref = new Date();
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let result: object;
    try {
      const msg = JSON.parse(line) as { id?: unknown; text?: unknown };
      if (!msg || typeof msg !== 'object' || typeof msg.text !== 'string') throw new Error('no text');
      const r = pipeline.read(msg.text, ref);
      result = {
        id: msg.id ?? null,
        intent: r.intent,
        category: r.category,
        urgent: r.urgent,
        location: r.location,
        command: specCommand(r.command),
        ticket: r.ticket,
        act: r.act,
        confidence: r.confidence,
        ...(r.parts.length ? { parts: r.parts } : {}),
      };
    } catch {
      result = fallback(idOf(line));
    }
    if (!output.write(`${JSON.stringify(result)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runNlu(process.stdin, process.stdout).catch((err) => {
    process.stderr.write(`nlu: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
