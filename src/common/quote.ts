/**
 * WeChat's text of a quote-reply (引用): "「name：quoted」", a line of "- - -", then the reply. Some
 * puppets and pasted transcripts put it all on one line, or write the line breaks as "\n"; all
 * read the same.
 */
const WECHAT_QUOTE = /^「([^：:」]{1,40})[：:]([\s\S]*?)」\s*(?:\\n)?\s*(?:-\s*){3,}(?:\\n)?\s*([\s\S]*)$/;

/** The quoted message's writer and words, and the reply; null when `raw` is no quote-reply. */
export function splitWeChatQuote(raw: string): { name: string; quoted: string; reply: string } | null {
  const m = WECHAT_QUOTE.exec(raw.trim());
  return m ? { name: m[1].trim(), quoted: m[2].trim(), reply: m[3].trim() } : null;
}
