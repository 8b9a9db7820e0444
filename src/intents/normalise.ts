/** Stage 1: one canonical form of the text, so later stages match one spelling. */
import { Converter, Locale } from 'opencc-js/t2cn';

/** Names the bot answers to when nobody configures any. */
export const DEFAULT_BOT_NAMES: readonly string[] = ['网格助手', 'gridbot'];

// Built once: the converter's dictionaries take ~10 ms to build. 'tw' also maps 著火 → 着火.
const toSimplified = Converter({ from: 'tw', to: 'cn' });

/**
 * The characters at which some entry of the converter's dictionaries first differs from what it writes:
 * a text holding none of them comes out of the converter as it went in, so most messages (three in four,
 * all in simplified script) skip its four passes over the text.
 */
const CONVERTS: ReadonlySet<number> = (() => {
  const out = new Set<number>();
  const config = Locale.configs.tw2s;
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else if (typeof x === 'string')
      for (const entry of x.split('|')) {
        const [from, to = ''] = entry.split(' ');
        const a = [...from];
        const b = [...to];
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        if (i < a.length) out.add(a[i].codePointAt(0) as number);
      }
  };
  walk([config.normalizationChain, config.conversionChain]);
  return out;
})();

function simplified(text: string): string {
  for (let i = 0; i < text.length; i++) if (CONVERTS.has(text.codePointAt(i) as number)) return toSimplified(text);
  return text;
}

// Emoji, their modifiers and joiners; WeChat sends stickers as codes like [强] or [表情].
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a class of single code points, joiners included on purpose
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;
// Laughter ("着火了着火了🔥 火锅底料炒糊了🤣"): removed from the text like all emoji, but a joke's mark.
const LAUGH = /[😂🤣😆]|\[(偷笑|破涕为笑|笑哭|呲牙|憨笑|奸笑|坏笑)\]|xswl|笑死|哈哈哈/iu;
const KEYCAP = /([0-9])\uFE0F?\u20E3/g;
const WECHAT_CODE = /\[[\u4e00-\u9fa5A-Za-z]{1,4}\]/g;
const SPACES = /[\s\u2005\u3000]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included
const NON_ASCII_OR_WIDE = /[^\x00-\x7f]/;
// Henan's and Shandong's "白" for "别" after a word that asks ("先白叫人走了", "恁白慌"): one spelling.
const DONT = /(?<=[先可千万恁你您都咱俺])白(?=[叫让去走来动碰管急慌怕往在乱说吵])/g;
// Wuhan's, Yichang's and Jiaodong's bare "么" for 什么/怎么 ("么时候能弄", "么样又出毛病"): one spelling.
// (The script converter before it writes a lone 么 as 幺.)
const WHAT = /(?<![什怎这那多要为])[么幺](?=时候|样)/g;
// Hunan's "么子" for 什么 ("现在么子情况", "做么子"): one spelling.
const XIANG_WHAT = /(?<![什怎这那多要为老小])[么幺]子/g;
// Southern Min and Wu words with no other everyday meaning in Mandarin, read as their Mandarin twins so
// every later stage knows them: "灶脚有一股瓦斯味" is a gas smell in the kitchen, "囝仔揣无人" a child
// nowhere found, "大门啥辰光弄" asks when the door will be done, "关弗牢" is "关不牢".
const DIALECT_WORDS: Record<string, string> = {
  瓦斯: '燃气',
  灶脚: '厨房',
  囝仔: '小孩',
  囡仔: '小孩',
  揣无: '找不到',
  揣嘸: '找不到',
  揣毋着: '找不到',
  按怎: '怎么',
  啥辰光: '什么时候',
  辰光: '时候',
  弗: '不',
  侬: '你',
  // Hakka "I" (𠊎拎灭火器上四楼).
  𠊎: '我',
};
const DIALECT_WORD = new RegExp(Object.keys(DIALECT_WORDS).join('|'), 'g');
// Wu "覅" (don't): "千万覅点".
const DONT_WU = /覅/g;
// Wu "勿" for 不 between a verb and what it reaches ("爬勿起来", "进勿去", "关勿牢"), and before 晓得/好.
const NOT_WU =
  /(?<=[爬站起进出开关动走弄修来去吃睡听看拿搬推拉打])勿(?=[起来去进出开动到好牢了掉上下住])|勿(?=晓得|好意思)|(?<=[又还也])勿(?=[亮灵通热动响转])/g;
// Wu's 哉 and the North-west's 咧 for 了 after a verb's result ("灯又勿亮哉", "两个人打起来咧"), not 咧嘴/大大咧咧.
/** Southern Min's 啥物 for 什么: "楼长是啥物人". */
const MIN_WHAT = /啥物/g;
/** Voice input spells "#14" out: "井号14那个下水道修了没有". */
const HASH_SPOKEN = /井号\s*(?=\d)/g;
/** Hakka's and Cantonese's days and hours ("今晡日朝晨到依家都冇水", "昨晡日暗晡"): their Mandarin twins. */
const HAKKA_TIME = /今晡日?|昨晡日?|天光日|朝晨头?|暗晡头?|依家/g;
const HAKKA_TIMES: Record<string, string> = {
  今晡: '今天',
  昨晡: '昨天',
  天光: '明天',
  朝晨: '早上',
  暗晡: '晚上',
  依家: '现在',
};
/** …and its 寻 for 找 before whom one asks ("下水道堵了寻啥人") or what was found ("人寻着了"), and 做么个 for 为什么. */
const SEEK_WHOM = /寻(?=谁|啥人|么人|什么人|哪个|边个|物业|社区|着|到|见)/g;
const WHY_HAKKA = /做[么幺脉乜]个/g;
/**
 * Guanzhong's 额 for 我 ("额这就上来", "额屋顶上的水", "额大八十三咧"; not Wu's 是额, "yes") and its 么 for 没 ("门敲了半天么人应",
 * "到现在么回来", "车上么留电话"); never 金额, 额头, 名额, nor Wuhan's 么事 (什么事).
 */
const I_GUANZHONG =
  /(?<![金名超份限余数定配差税面前总巨全空是的个格])额(?=[去来这先给跟就把叫屋家们也都知道不是在要下上问看再找说拿一大妈婆爷娃])/g;
const NOT_GUANZHONG =
  /(?<![什怎这那多要为老小])[么幺](?=人|有|见|来|回(?!事)|留|看见|听见|法|办法|动静|电|水|开|亮|接|应)|(?<=[都也还])[么幺](?=事)/g;
/**
 * Hainanese and Minnan 无 for 没 and 不 ("米还无来", "我无睡着", "米无了", "关无紧", "落无去", "有无人帮我"), not 无法,
 * 无聊, 无论 or 无人机.
 */
const NOT_MIN = /(?<=[还都也又我伊侬阮])无(?=[来到回修睡食吃饭])|(?<=[米菜水电钱气油药饭也都])无(?=了)/g;
const CANNOT_MIN = /(?<=[关落睡对拧推讲听行喘透])无(?=[紧去住着下开动好上过])|(?<=有)无(?=人)/g;
const WU_NW_DONE = /(?<=[来去倒住走见掉坏脱跤完开好亮])(?:哉|咧(?![嘴咧开]))/g;
// Voice input's homophones of place words ("一单员", "楼到灯", "无业来通了"): 单元, 楼道, 物业.
const UNIT_HEARD = /([\d一二三四五六七八九十两几]|哪个?)单员/g;
const CORRIDOR_HEARD = /(?<![上下爬走回跑进搬送])楼到(?=灯|里|口|上|那|的|窗|内|垃圾|杂物|堆)/g;
const ESTATE_HEARD = /无业(?=来|公司|费|管理|经理|电话|那边|的人|说|派|不管|也不)/g;
// …and of heating ("暖器不惹了", "热利公司"): 暖气, 不热, 热力.
const HEATING_HEARD = /(?<![电小油取])暖器/g;
const NOT_WARM_HEARD = /(暖气|片子|屋里|家里)([^。，,\s]{0,3})不惹/g;
const HEAT_CO_HEARD = /热利(?=公司|站|的|那边|师傅)/g;
// Hubei's and Jianghuai's 克 for 去 after a person or a time ("我克一楼把总闸拉了", "等哈克看下").
// Xiang's 港 for 讲 ("路灯港了冇", "我打电话港了", "泥工港三点钟来"), never the harbour or Hong Kong.
const XIANG_SAY =
  /(?<![香海军渔商口出进入离回抵赴在到返靠])港(?=[了哒过一下咯啦好清楚三四五六七八九十两\d明今下晚上中等])/g;
// …and its 哒 for 了 or 着 ("修好哒", "打起来哒", "手里拿哒把刀"), not a laugh's 么么哒 or a sound's 哒哒.
const XIANG_DONE = /(?<=[\p{Script=Han}])(?<![么幺萌嘀滴啪嗒哒咔])哒(?!哒)/gu;
const GO_KE =
  /(?<=[我你他她们哈下再先就莫要马上现在一起明天今天下午上午晚上中午])克(?=[一二三四五六七八九十\d楼屋看找问喊叫买拿搞弄修上下到那这社物医派])/g;
// Southern Min written in characters ("阮阿公无去了 …到今无转来", "阮囝仔烧甲四十度 …无车通去病院"): its
// everyday words read as Mandarin, only in a message with two or more of its marks (阮 and 无 alone are
// a surname and a Mandarin word).
// (…but "有无去过" asks whether one has been somewhere: no one gone.)
const MINNAN_MARK = /阮|汝|予人|厝|佇|伫|攏|拢|欲|揣|毋|会当|啥人|(?<!有)无去(?!过)|转来|烧甲|病院/g;
const MINNAN_WORDS: Record<string, string> = {
  无去了: '不见了',
  无去: '不见了',
  转来: '回来',
  予人: '被人',
  病院: '医院',
  会当: '能',
  啥人: '谁',
  厝边: '邻居',
  厝里: '家里',
  烧甲: '烧到',
  阮: '我',
  汝: '你',
  厝: '家',
  佇: '在',
  伫: '在',
  攏: '都',
  拢: '都',
  欲: '要',
  毋: '不',
  无: '没',
};
const MINNAN_WORD = new RegExp(
  Object.keys(MINNAN_WORDS)
    .map((w) => (w.startsWith('无去') ? `(?<!有)${w}(?!过)` : w))
    .join('|'),
  'g',
);
const asMandarin = (t: string) =>
  new Set(t.match(MINNAN_MARK) ?? []).size >= 2 ? t.replace(MINNAN_WORD, (w) => MINNAN_WORDS[w]) : t;
const MENTION_CACHE = new Map<string, RegExp>();

function mentionPattern(botNames: readonly string[]): RegExp {
  const key = botNames.join('\u0000');
  let re = MENTION_CACHE.get(key);
  if (!re) {
    const names = [...botNames].sort((a, b) => b.length - a.length).map(escapeRegExp);
    re = new RegExp(`@(?:${names.join('|')})(?![\\w])`, 'giu');
    MENTION_CACHE.set(key, re);
  }
  return re;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Full-width ASCII (＃１２，！) to half-width; the ideographic space to a space. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/**
 * Canonical text: Simplified characters, half-width ASCII, bot @-mentions, emoji and WeChat
 * sticker codes removed, runs of spaces collapsed. `mentionsBot` says whether the bot was named.
 * @example normalise('@网格助手 8號樓燈壞了👍') // { text: '8号楼灯坏了', mentionsBot: true }
 */
export function normalise(
  text: string,
  botNames: readonly string[] = DEFAULT_BOT_NAMES,
  { respell = true }: { respell?: boolean } = {},
): { text: string; mentionsBot: boolean } {
  let t = String(text ?? '');
  if (NON_ASCII_OR_WIDE.test(t)) t = toHalfWidth(simplified(t));
  const mention = mentionPattern(botNames);
  mention.lastIndex = 0;
  const mentionsBot = mention.test(t);
  if (mentionsBot) t = t.replace(mention, ' ');
  // Keycap digits number a list ("1️⃣ 门禁坏了 2️⃣ …"): kept as "1、" when their emoji marks go.
  t = t.replace(KEYCAP, '$1、').replace(EMOJI, ' ').replace(WECHAT_CODE, ' ');
  t = t
    .replace(SPACES, ' ')
    .trim()
    .replace(DONT, '别')
    .replace(DIALECT_WORD, (w) => DIALECT_WORDS[w]);
  return { text: joinWords(respell ? respelt(t) : t), mentionsBot };
}

/**
 * Read-time respellings added after the shipped model was trained (2026-12-04c: 么时候/么样, 覅, Southern
 * Min; 2026-12-04d: 么子; 2026-12-04f: voice input's 单员/楼到/无业; 2026-12-04g: 暖器/不惹/热利, Hubei's 克; 2026-12-05: Xiang's 港 for 讲 and 哒 for 了; 2026-12-05e: Wu's 哉 and the North-west's 咧 for 了; 2026-12-05f: voice input's 井号 for #, Southern Min's 啥物): the reader sees them, the training does not, so the model stays the one the conversation layer's
 * bars were chosen for (decision 0011: a retrain moves the streams as much as new data). Fold them into
 * training together with the recalibration that decision plans.
 */
function respelt(t: string): string {
  const spelt = t
    .replace(WHAT, (_m, i: number, all: string) => (all.startsWith('时候', i + 1) ? '什么' : '怎么'))
    .replace(XIANG_WHAT, '什么')
    .replace(DONT_WU, '不要')
    .replace(NOT_WU, '不')
    .replace(UNIT_HEARD, '$1单元')
    .replace(CORRIDOR_HEARD, '楼道')
    .replace(ESTATE_HEARD, '物业')
    .replace(HEATING_HEARD, '暖气')
    .replace(NOT_WARM_HEARD, '$1$2不热')
    .replace(HEAT_CO_HEARD, '热力')
    .replace(GO_KE, '去')
    .replace(XIANG_SAY, '讲')
    .replace(XIANG_DONE, '了')
    .replace(WU_NW_DONE, '了')
    .replace(HASH_SPOKEN, '#')
    .replace(MIN_WHAT, '什么')
    .replace(HAKKA_TIME, (w) => HAKKA_TIMES[w.slice(0, 2)])
    .replace(SEEK_WHOM, '找')
    .replace(WHY_HAKKA, '为什么')
    .replace(I_GUANZHONG, '我')
    .replace(NOT_GUANZHONG, '没')
    .replace(NOT_MIN, '没')
    .replace(CANNOT_MIN, (_m, i: number, all: string) => (all[i - 1] === '有' ? '没有' : '不'));
  return asMandarin(spelt);
}

/** The raw message laughs (an emoji or a sticker code that normalise removes). */
export function laughs(raw: string): boolean {
  return LAUGH.test(raw);
}

const HAN_GAP = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/**
 * "刚才 打雷 我家 没有电了 灯不亮 冰箱 也不响": typed (or dictated) word by word, as many elderly
 * people do. Spaces there part words, not clauses, so they are dropped between Chinese
 * characters; a message whose spaces part clauses (longer pieces, more than 3.2 characters on
 * average) keeps them.
 */
export function joinWords(t: string): string {
  if (t.indexOf(' ') < 0) return t;
  const pieces = t.split(' ');
  if (pieces.length < 4) return t;
  const han = pieces.filter((p) => /^\p{Script=Han}+$/u.test(p));
  if (han.length < 4 || han.length < pieces.length * 0.6) return t;
  const average = han.reduce((n, p) => n + p.length, 0) / han.length;
  return average <= 3.2 ? t.replace(HAN_GAP, '$1') : t;
}
