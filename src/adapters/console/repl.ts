/**
 * The console chat loop: reads lines from a stream (a terminal or a piped script), hands each
 * message to the bot, and prints the replies before reading the next line.
 *
 * Script lines: "[chat] [speaker] text". In a terminal, "/chat 3-2群" and "/as 张楼长" set who
 * speaks where, after which plain lines are enough.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type ConsoleAdapter, parseScriptLine } from './index.js';

export interface ConsoleSession {
  adapter: ConsoleAdapter;
  /** Waits until every reply due has been delivered. */
  settle(): Promise<void>;
  /** Chats and people to suggest at start. */
  chats: string[];
  people: string[];
}

const HELP = [
  '命令：/chat 群名 选择所在的群 · /as 名字 选择说话人 · /chats 列出群 · /people 列出负责人 · /quit 退出',
  '也可以一行写全：[3-2群] [居民小王] 楼道灯坏了',
].join('\n');

export async function runConsole(
  session: ConsoleSession,
  input: Readable,
  output: Writable,
  interactive: boolean,
): Promise<void> {
  let chat = session.chats.find((c) => c.includes('3-2')) ?? session.chats[0] ?? '测试群';
  let speaker = '居民小王';
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(`[${chat}] [${speaker}] > `);
    rl.prompt();
  };
  if (interactive) {
    output.write(
      `网格助手控制台。群：${session.chats.join('、')}\n负责人：${session.people.join('、')}\n${HELP}\n日志写入 data/gridbot.log\n`,
    );
    prompt();
  }
  for await (const line of rl) {
    const trimmed = line.trim();
    if (trimmed.startsWith('/')) {
      const [command, ...rest] = trimmed.split(/\s+/);
      const arg = rest.join(' ');
      if (command === '/quit' || command === '/exit') break;
      if (command === '/chat' && arg) chat = arg;
      else if (command === '/as' && arg) speaker = arg;
      else if (command === '/chats') output.write(`${session.chats.join('、')}\n`);
      else if (command === '/people') output.write(`${session.people.join('、')}\n`);
      else output.write(`${HELP}\n`);
      prompt();
      continue;
    }
    const message = parseScriptLine(trimmed) ?? (interactive && trimmed ? { chat, speaker, text: trimmed } : null);
    if (message) {
      if (!interactive) output.write(`[${message.chat}] ${message.speaker}: ${message.text}\n`);
      await session.adapter.say(message);
      await session.settle();
    }
    prompt();
  }
  rl.close();
}
