/** What the bot says about photos, voice notes, files and location pins. */
export const MEDIA_TEXT = {
  photoAsk: '收到图片，请用一句话说明问题和位置',
  voiceAsk: '收到语音，暂时听不了语音，请用一句话文字说明问题和位置',
  pinAsk: '收到位置，请用一句话说明问题',
  photoAdded: (id: number, n: number) => `已将图片附到 #${id}（附图 ${n} 张）。`,
  pinAdded: (id: number, place: string) => (place ? `已记下 #${id} 的位置：${place}。` : `已记下 #${id} 的位置。`),
  evidenceAdded: (id: number, n: number) => `已将照片作为 #${id} 的办结凭证（附图 ${n} 张）。`,
  photoCount: (n: number) => (n ? `附图 ${n} 张` : ''),
  mediaTooLarge: (mb: number) => `文件太大（超过 ${mb}MB），未能保存，请压缩后重发或用文字说明。`,
  mediaUnsupported: '这个文件无法识别，未能保存；如需报事，请发照片或用文字说明。',
  mediaFailed: '图片没能收下来，请稍后重发一次，或用文字说明。',
  mediaQuota: '今天本群收到的图片已达上限，新的图片暂不保存；如需报事，请用文字说明。',
  photosNone: (id: number) => `#${id} 暂无照片。`,
  photosSent: (id: number, n: number) => `#${id} 的照片共 ${n} 张，已私信发给您。`,
  photosPending: (n: number) => (n ? `另有 ${n} 张还在接收中。` : ''),
  photoCaption: (id: number, i: number, n: number, role: string) =>
    `#${id} ${role === 'evidence' ? '办结照片' : '现场照片'} ${i}/${n}`,
  photosNeedDirect: (id: number) => `#${id} 的照片只能私信发送，请先私聊我一次。`,
} as const;
