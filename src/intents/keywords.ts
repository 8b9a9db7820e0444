/**
 * Keyword evidence for report categories. Each phrase carries a weight: 3 = decisive on its own,
 * 2 = strong, 1 = a hint. Longer phrases win over the shorter ones they contain (the scanner
 * tries longest first), so "无犯罪证明" counts as consultation and never as "犯罪".
 */
import type { Category } from './types.js';

type Table = Partial<Record<Category, Partial<Record<1 | 2 | 3 | 4, string>>>>;

export const KEYWORDS: Table = {
  facility: {
    3: '楼道灯 路灯 声控灯 感应灯 灯泡 灯不亮 灯坏 灯也坏 灯管 电梯 暖气 供暖 地暖 不热 水管 自来水管 水龙头 下水道 下水管 排水管 管道堵 马桶堵 地漏 门禁 单元门 防盗门 对讲 可视对讲 门锁 锁坏 灭了 全灭 停水 停电 没水 没电 断水 断电 跳闸 水压 水表 电表 井盖 台阶 地砖 路面 坑洼 长椅 座椅 健身器材 健身器 秋千 滑梯 扶手 栏杆 楼梯灯 充电桩 监控坏 摄像头坏 道闸 晾衣 屋顶漏 房顶漏 渗水 外墙 墙皮 水泵 窗户 玻璃碎 消防门坏 信号差 宽带 网络断 路不平 报修 维修',
    2: '灯 坏了 坏掉 不亮 漏水 失灵 不转 不能用 用不了 打不开 关不上 关不严 塌 裂 破损 松动 生锈 掉漆 卡住 卡在 故障 修一下 来修 没修 管子 线路 插座 开关 堵了 堵住了 没反应 按键',
    1: '修 换 漏 水 电 卫生间 洗手间 楼梯 楼梯间',
  },
  sanitation: {
    3: '垃圾 清运 垃圾桶 垃圾站 垃圾箱 垃圾房 异味 臭味 恶臭 发臭 好臭 太臭 很臭 臭气 污水井 化粪池 苍蝇 蚊子 蟑螂 老鼠 跳蚤 消杀 灭鼠 灭蟑 消毒 狗屎 狗粪 粪便 大便 卫生 乱扔 乱倒 乱丢 建筑垃圾 装修垃圾 落叶 杂草 草坪 绿化 修剪 枯枝 霉味 发霉 小广告 牛皮癣 保洁 清扫 打扫 没人扫 脏乱 脏 污水 臭水 油污 痰 难闻 纸壳 纸箱 纸板 泡沫箱 堆了 乱放',
    2: '旧家具 臭 味道 杂物 堆满 堆放 堆着 乱堆 积水 虫子 白蚁 蚂蚁 长草 树叶 清理',
    1: '扫 草 树',
  },
  safety: {
    4: '燃气味 煤气味 天然气味 液化气味 跑不出去 逃生',
    3: '电动车充电 电瓶车充电 飞线 私拉电线 私拉乱接 拉线充电 消防通道 消防栓 消火栓 灭火器 安全出口 疏散通道 煤气 燃气 天然气 液化气 煤气罐 漏气 着火 起火 失火 火灾 冒烟 烟雾 浓烟 烧起来 火苗 明火 高空抛物 高空坠物 坠物 掉下来 砸到 花盆 摇摇欲坠 电线裸露 裸露 配电箱 配电室 配电房 变压器 电箱 漏电 触电 烧荒 烧纸 山火 防火 隐患 危险 摇晃 倾斜 快倒了 要倒了 脚手架 广告牌 空调外机 结冰 路滑 窨井 没盖 掉下去 溺水 防护栏 护栏 消防 安全 树枝 压到电线 碰到电线 被困 困在 关在里面',
    2: '电动车 电瓶车 充电 电线 火 烟 塌陷 鞭炮 烟花 放炮 易燃 堵塞通道 小孩 掉落',
    1: '烧',
  },
  dispute: {
    3: '噪音 扰民 吵得 太吵 好吵 吵死 睡不着 装修声 装修噪音 狗叫 乱叫 遛狗 不牵绳 拴绳 宠物 占车位 抢车位 占用车位 车位被占 堵我家 挡住我家 挡我家 纠纷 矛盾 物业费 乱收费 涨价 物业不 不给修 不管事 不作为 吵架 争吵 吵起来 打麻将 广场舞 音响 油烟 漏到我家 漏水到我家 渗到我家 渗水到我家 楼上漏 楼上的水 私占 侵占 占用公共 圈占 种菜 违建 私搭乱建 加盖 楼下住户 赔偿 协商 调解 吵闹 装修 钻墙 电钻 占道',
    2: '邻居 对门 隔壁 楼上 吵 闹 狗 猫 车位 停车 堵着 挡着 占着 不理 不讲理 物业 找他们 投诉 业委会 开发商 房东 租户',
    1: '占',
  },
  public_order: {
    4: '动手 打架 打起来 斗殴 打人 持刀 拿刀 拿着刀 举着刀 带着刀 被偷 偷了 诈骗 冒充 被人拿走 被拿走 被顺走 拿走了',
    3: '偷 被盗 小偷 盗窃 失窃 可疑 陌生人 形迹可疑 鬼鬼祟祟 诈骗 骗子 被骗 骗钱 冒充 传销 打架 动手 斗殴 打人 打起来 涉黑 黑恶 黑社会 赌博 赌场 吸毒 贩毒 团伙 保护费 高利贷 砸车 砸窗 撬锁 撬门 入室 撬 尾随 偷窥 闹事 醉汉 持刀 拿刀 抢劫 抢包 敲诈 勒索 卖淫 嫖娼 非法集资 邪教 犯罪 治安 报警 110 扒窃 顺走 拐卖 偷拍',
    2: '骗 丢了 不见了 可疑人员 乱按门铃 推销 假冒 刷单 陌生 打 转悠 徘徊',
    1: '',
  },
  assistance: {
    3: '独居 空巢 孤寡 残疾 残疾人 瘫痪 卧床 行动不便 腿脚不便 低保 困难户 生活困难 求助 帮忙 帮帮 取药 买药 买菜 送菜 送饭 送餐 助餐 没人照顾 无人照顾 看护 陪护 陪诊 陪同 轮椅 揭不开锅 吃不上饭 失业 特困 救助 救济 留守儿童 失独 五保 大病 重病 住院 医疗费 照顾 上门服务 上门办理 上门 走不动 下不了楼 孤儿 摔倒 晕倒 昏迷 不省人事 老人家',
    2: '老人 大爷 大娘 奶奶 爷爷 老太太 老大爷 阿姨 老两口 行动 生病 病了 困难 没钱 帮 扶 拐杖',
    1: '',
  },
  consultation: {
    3: '请问 咨询 怎么办理 如何办理 怎么申请 如何申请 在哪办 哪里办 去哪办 能办 需要带 带什么 什么材料 需要什么 手续 流程 政策 补贴 医保 社保 养老保险 居住证 户口 户籍 身份证 准生证 出生证明 证明 开证明 无犯罪证明 退休 老年卡 高龄补贴 改造 加装电梯 入学 学区 公积金 年审 办事 办理 申请 报名 什么时候开始 开始了吗 有没有政策 能不能享受 条件 资格 标准 规定 文件 电子证 营业执照 计生 婚育 养老金 残疾证 办证 补办 通知说 什么时候发 发放',
    2: '怎么办 怎么 如何 能不能 可不可以 可以吗 能开 哪里 在哪 什么时候 多久 几点 吗 么',
    1: '问',
  },
  epidemic: {
    3: '疫情 核酸 检测点 隔离 发热 发烧 高烧 咳嗽 阳性 阳了 密接 次密接 确诊 返乡 返程 报备 健康码 行程码 绿码 黄码 红码 口罩 新冠 封控 管控 抗原 两道杠 两条杠 测温 体温 中高风险 风险区 外地回来 疫苗 接种 加强针 第三针 第二针 防疫 流调 居家观察 健康监测 疑似 从外地 境外 外省',
    2: '登记 回来 检测 打针 感冒',
    1: '',
  },
  other: {
    3: '共享单车 乱停乱放 摆摊 占道经营 流动摊贩 快递柜 流浪猫 流浪狗 乱贴 门牌 路牌 标识 名字写错 建议 意见',
    2: '',
    1: '快递',
  },
};

/** Phrases that look like evidence but are not: 偷偷 is "secretly", 打不着火 is a dead igniter. */
export const NEUTRAL = '偷偷 打不着火 点不着火 不着火 火车 火锅 上火 卫生站 卫生院 卫生服务 防火门坏';

/** Phrase → [category, weight] for the scanner. */
export function keywordEntries(table: Table = KEYWORDS): Map<string, [Category, number]> {
  const map = new Map<string, [Category, number]>();
  for (const word of NEUTRAL.split(/\s+/)) map.set(word, ['other', 0]);
  for (const [category, levels] of Object.entries(table) as [Category, Record<string, string>][]) {
    for (const [weight, words] of Object.entries(levels)) {
      for (const word of words.split(/\s+/).filter(Boolean)) {
        const prev = map.get(word);
        // A phrase listed under two categories keeps its heavier reading.
        if (!prev || prev[1] < Number(weight)) map.set(word, [category, Number(weight)]);
      }
    }
  }
  return map;
}
