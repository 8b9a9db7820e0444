import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runNlu } from '../../src/cli/nlu.js';

async function run(input: string): Promise<Record<string, unknown>[]> {
  const inp = new PassThrough();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  inp.end(input);
  await runNlu(inp, out);
  return Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('runNlu', () => {
  it('answers every line in order in the SPEC shape, bad lines as chitchat', async () => {
    const lines = await run(
      [
        '{"id":"a","text":"3栋2单元楼道灯坏了"}',
        'not json {"id": "b"',
        '{"id":"c"}',
        '{"id":"d","text":"合并 #25 到 #24"}',
      ].join('\n'),
    );
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(lines[0]).toMatchObject({
      id: 'a',
      intent: 'report',
      category: 'facility',
      urgent: false,
      location: { building: '3', unit: '2', room: null },
      command: null,
      ticket: null,
    });
    const confidence = lines[0].confidence as Record<string, number>;
    expect(Object.keys(confidence).sort()).toEqual(['act', 'category', 'intent', 'report', 'urgent']);
    expect(confidence.report).toBeGreaterThan(0.5);
    expect(confidence.intent).toBeGreaterThan(0.5);
    expect(confidence.category).toBeGreaterThan(0.5);
    expect(confidence.urgent).toBeLessThan(0.1);
    expect(lines[1]).toMatchObject({ intent: 'chitchat', category: null, command: null, ticket: null });
    expect(lines[2]).toMatchObject({ intent: 'chitchat' });
    expect(lines[3]).toMatchObject({ intent: 'command', command: 'merge', ticket: 25 });
  });
});
