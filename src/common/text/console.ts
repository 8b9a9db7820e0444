/** What the command line and the console chat show people (the CLI's --help stays in English). */

export const CONSOLE_TEXT = {
  /** A console chat whose name starts with this is a direct chat with the bot. */
  directChatPrefix: '私聊',
  /** How the console shows a direct message the bot sent. */
  directTo: (user: string) => `私信→${user}`,
  consoleHelp: [
    '命令：/chat 群名 选择所在的群 · /as 名字 选择说话人 · /chats 列出群 · /people 列出负责人 · /quit 退出',
    '也可以一行写全：[3-2群] [居民小王] 楼道灯坏了',
    '发图片、语音、位置：<image:路径> 说明 · <voice:路径> · <location:纬度,经度 名称>',
  ].join('\n'),
  consoleWelcome: (chats: string, people: string, help: string) =>
    `网格助手控制台。群：${chats}\n负责人：${people}\n${help}\n日志写入 data/gridbot.log\n`,
  consoleDefaultChat: '测试群',
  consoleDefaultSpeaker: '居民小王',
  listSeparator: '、',
  invite: (name: string, code: string, days: number) =>
    `${name}: 绑定码 ${code}（${days} 天内有效）。请在私聊或群里发送“绑定 ${code}”。`,
  orgRoles: { head: '负责人', deputy: '副职', grid_worker: '网格员', staff: '工作人员', volunteer: '志愿者' } as Record<
    string,
    string
  >,
  orgChats: (chats: string) => `  群: ${chats}`,
  orgBoard: (label: string, phone: string) => `  公示牌 ${label}: ${phone}`,
  orgSeparator: '，',
} as const;
