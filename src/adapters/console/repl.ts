/**
 * The console chat loop: reads lines from a stream (a terminal or a piped script), hands each
 * message to the bot, and prints the replies before reading the next line.
 *
 * Script lines: "[chat] [speaker] text". In a terminal, "/chat 3-2群" and "/as 张楼长" set who
 * speaks where, after which plain lines are enough.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { T } from '../../common/text/index.js';
import { type ConsoleAdapter, parseScriptLine } from './index.js';

export interface ConsoleSession {
  adapter: ConsoleAdapter;
  /** Waits until every reply due has been delivered. */
  settle(): Promise<void>;
  /** Chats and people to suggest at start. */
  chats: string[];
  people: string[];
}

const HELP = T.consoleHelp;

export async function runConsole(
  session: ConsoleSession,
  input: Readable,
  output: Writable,
  interactive: boolean,
): Promise<void> {
  let chat: string = session.chats.find((c) => c.includes('3-2')) ?? session.chats[0] ?? T.consoleDefaultChat;
  let speaker: string = T.consoleDefaultSpeaker;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(`[${chat}] [${speaker}] > `);
    rl.prompt();
  };
  if (interactive) {
    output.write(T.consoleWelcome(session.chats.join(T.listSeparator), session.people.join(T.listSeparator), HELP));
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
      const shown = message.quoted ? `> ${message.quoted} | ${message.text}` : message.text;
      if (!interactive) output.write(`[${message.chat}] ${message.speaker}: ${shown}\n`);
      await session.adapter.say(message);
      await session.settle();
    }
    prompt();
  }
  rl.close();
}
