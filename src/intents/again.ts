/**
 * A problem that is back ("又坏了", "还是不行"), in the words people use; what does not say so: a fear that
 * it comes back ("怕又冒上来") and a list of what happened ("又停电又漏水的": both, not again).
 */

/** A problem that is back, in the words people use; a question about it still counts. */
const AGAIN =
  /又(吊|挂|拉|扯|堆|摆|占)(下来|出来|起来|上了|了)|又(刷|打|开|关|锁|合|拉|推|按|点|冲|抽|拧|转|启|充|插)(不|唔|冇|没|勿)(开|动|亮|通|出|着|灵|上|进|了)|又在[^。，,\s]{0,6}(顿|卡|晃|响|漏|滴|渗|停)|又在(剁|敲|钻|砸|吵|闹|唱|跳|拖|弹|放|烧|充|堆|抽|遛|喂)|又(坏|黑|不亮|灭|漏|堵|停|响|吵|来了|开始|嚟|唔|冇|不|勿|没|莫得|凉|臭|满|出|卡|冒|冻)|又(关|锁|合|打|拉|推)(不|唔|冇)|还是(不行|没好|坏|不亮|漏|堵|不热|凉|一样)|(刚|才)(修|换|通|清|整)(好|过)?(的|了|咗)?.{0,8}(又|就)|修好(了|咗)?[^。]{0,16}又/;
/** A fault that is back, in so many words: what a reporter's own "又…" must say to reopen without naming the thing. */
const FAULT_BACK =
  /又(刷|打|开|关|锁|合|拉|推|按|点|冲|抽|拧|转|启|充|插)(不|唔|冇|没|勿)(开|动|亮|通|出|着|灵|上|进|了)|又在[^。，,\s]{0,6}(顿|卡|晃|漏|滴|渗)|又(开始|在)?(坏|黑|不亮|勿亮|唔亮|灭|漏|滴|渗|淌|堵|停|卡|冒|臭|满|响|吵|不动|不通|不热|凉|冻)|还是(不行|没好|坏|不亮|漏|滴|渗|堵|不热|凉|一样|冻)/;
/** "今天咱单元可真热闹 又停电又漏水的": 又…又… lists what happened ("both… and…"), not what is back. */
const BOTH_AND = /又[^又。，,\s！!？?]{1,3}又[^又。，,\s！!？?]{1,4}/g;
const FEARED_AGAIN =
  /(怕|担心|生怕|就怕|万一|省得|免得|以免|还当|当是|以为|还以为|唔好|千万别|可别|千祈唔好)[^。，,\s]{0,3}又[^。，,\s]{0,4}|^(假如|假设|要是|如果)(哪天|以后|下回|下次)[^。，,\s]{0,8}又[^。，,\s]{0,4}/g;

/** The words, without those that only fear a return or list what happened. */
const told = (text: string) => text.replace(FEARED_AGAIN, '').replace(BOTH_AND, '');

/** Something is back, in any words; a question about it still counts. */
export const saysAgain = (text: string) => AGAIN.test(told(text));
/** A fault is back, in so many words. */
export const saysFaultBack = (text: string) => FAULT_BACK.test(told(text));
