/**
 * The WeCom adapter over a real WebSocket on loopback (the test server): how fast callbacks
 * become Inbound messages, and how long a reply through its frame and a proactive send take from
 * `send` to WeCom's acknowledgement, with pacing off. What it measures is the adapter and the
 * SDK; WeCom's own latency and limits (30 a minute per chat) come on top.
 *
 * Run: node --import tsx bench/wecom.ts
 */
import { pathToFileURL } from 'node:url';
import { WecomAdapter } from '../src/adapters/wecom/index.js';
import type { Inbound } from '../src/common/types.js';
import { FakeWecom } from '../test/support/wecom-server.js';

const FRAMES = 5000;
const SENDS = 500;

export async function benchWecom(): Promise<Record<string, number>> {
  const server = await FakeWecom.start();
  const received: Inbound[] = [];
  const adapter = new WecomAdapter({ botId: server.botId, secret: server.secret, wsUrl: server.url, pacing: {} });
  await adapter.start(async (m) => void received.push(m));
  try {
    const t0 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < FRAMES; i++)
      ids.push(server.say(`user${i % 200}`, `@网格助手 ${i}号楼灯坏了`, { chat: `wr${i % 50}` }));
    while (received.length < FRAMES) await new Promise((r) => setTimeout(r, 5));
    const inboundPerS = FRAMES / ((performance.now() - t0) / 1000);

    const timed = async (make: (i: number) => Parameters<WecomAdapter['send']>[0]) => {
      const ms: number[] = [];
      for (let i = 0; i < SENDS; i++) {
        const t = performance.now();
        await adapter.send(make(i));
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      return { p50: ms[Math.floor(ms.length / 2)], p99: ms[Math.floor(ms.length * 0.99)] };
    };
    const out = { platform: 'wecom' as const, account: 'wecom', mentions: [], text: '已受理 #1【设施报修】3栋1单元' };
    const reply = await timed((i) => ({ ...out, chatId: `wr${i % 50}`, inReplyTo: ids[i] }));
    const send = await timed((i) => ({ ...out, chatId: `wr${i % 50}` }));
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      inbound_frames_per_s: Math.round(inboundPerS),
      reply_p50_ms: round(reply.p50),
      reply_p99_ms: round(reply.p99),
      send_p50_ms: round(send.p50),
      send_p99_ms: round(send.p99),
    };
  } finally {
    await adapter.stop();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchWecom());
}
