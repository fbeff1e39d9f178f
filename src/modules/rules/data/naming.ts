import type { PreApprovalCategory, Province } from '../draft.ts';
import { PROVINCES } from '../draft.ts';

/**
 * R-WEB-015 naming rules as data. The FAQ gives minimum lists; operators extend them. Matching is by substring, so
 * keep entries specific enough not to hit ordinary words.
 */

/** Rule 1: words a non-national organisation may not use without an approval document. */
export const NATIONAL_WORDS = ['中国', '国家', '中华', '全国'] as const;

/** Rule 2: organisational words a personal website name may not contain (the last three are interpretation). */
export const PERSONAL_FORBIDDEN_ORG_WORDS = ['公司', '俱乐部', '团体', '社区', '协会', '工作室', '集团'] as const;

/** Rule 3: keywords that imply a pre-approval field, with the categories that satisfy them. */
export const PRE_APPROVAL_KEYWORDS: ReadonlyArray<readonly [string, readonly PreApprovalCategory[]]> = [
  ['新闻', ['NEWS']],
  ['出版', ['PUBLISHING']],
  ['医疗器械', ['DRUGS_DEVICES']],
  ['药', ['DRUGS_DEVICES']],
  ['医疗', ['MEDICAL']],
  ['医院', ['MEDICAL']],
  ['文化', ['CULTURE']],
  ['广播', ['RADIO_FILM_TV']],
  ['电影', ['RADIO_FILM_TV']],
  ['电视', ['RADIO_FILM_TV']],
  ['游戏', ['ONLINE_GAMES', 'CULTURE']],
  ['教育', ['EDUCATION']],
  ['论坛', ['BBS']],
  ['bbs', ['BBS']],
];

/** Rule 4 (warn): finance. */
export const FINANCE_KEYWORDS = ['金融', '理财', '贷', '投资', '支付', '众筹', '保险', '基金'] as const;
/** Rule 5 (warn, remark required): e-commerce. */
export const ECOMMERCE_KEYWORDS = ['商城', '购物', '网购', '商店', '店铺'] as const;
/** Rule 5: a remark satisfies it when it mentions the commercial filing or who confirmed none is needed. */
export const ECOMMERCE_REMARK_PHRASES = ['经营性', '无需', '不需要', '通信管理局', '管局'] as const;
/** Rule 6 (warn): rebate / 淘宝客. */
export const REBATE_KEYWORDS = ['返利', '淘宝客'] as const;
/** Rule 10 (warn): allowed but discouraged in personal names. */
export const PERSONAL_DISCOURAGED_WORDS = ['空间', '博客'] as const;
/** Rule 9: "X个人网站 / X的博客 / X的主页". */
export const PERSON_SITE_PATTERN = /^(.+?)(?:的个人网站|个人网站|的个人博客|的博客|的主页|个人主页)$/;

/**
 * Rule 9: common surnames. A rule-9 subject X that starts with one and is 2–4 Han characters reads as a real name
 * (ERROR); anything else is taken as a pen or screen name (WARN).
 */
export const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '令狐',
  '司徒',
] as const;

export interface Place {
  name: string;
  province: Province;
  level: 'province' | 'city';
}

/**
 * Rule 8: place names: the provinces and their prefecture-level cities. Matching is by substring, so an operator
 * whose customers often trip over a name that is also an ordinary word (黄山, 朝阳 …) can drop it here.
 */
const CITIES: ReadonlyArray<readonly [Province, string]> = [
  ['河北', '石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水'],
  ['山西', '太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁'],
  ['内蒙古', '呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布'],
  ['辽宁', '沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛'],
  ['吉林', '长春 四平 辽源 通化 白山 松原 白城 延边'],
  ['黑龙江', '哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化'],
  ['江苏', '南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁'],
  ['浙江', '杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水'],
  ['安徽', '合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城'],
  ['福建', '福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德'],
  ['江西', '南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶'],
  ['山东', '济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽'],
  ['河南', '郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店'],
  ['湖北', '武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施'],
  ['湖南', '长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西'],
  ['广东', '广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮'],
  ['广西', '南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左'],
  ['海南', '海口 三亚 三沙 儋州'],
  ['四川', '成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳'],
  ['贵州', '贵阳 六盘水 遵义 安顺 毕节 铜仁'],
  ['云南', '昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 大理 西双版纳'],
  ['西藏', '拉萨 日喀则 昌都 林芝 山南 那曲'],
  ['陕西', '西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛'],
  ['甘肃', '兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南'],
  ['青海', '西宁 海东'],
  ['宁夏', '银川 石嘴山 吴忠 固原 中卫'],
  ['新疆', '乌鲁木齐 克拉玛依 吐鲁番 哈密 喀什 和田 阿克苏 伊犁'],
];

/** Municipalities are both province and city; list them once, as provinces. */
export const PLACES: readonly Place[] = [
  ...PROVINCES.map((p): Place => ({ name: p, province: p, level: 'province' })),
  ...CITIES.flatMap(([province, names]) =>
    names.split(' ').map((name): Place => ({ name, province, level: 'city' })),
  ).filter((c) => !PROVINCES.includes(c.name as Province)),
];

/** Places named in a text, longest match first, without overlaps (吉林市 → 吉林 once; 石家庄 not 家). */
/** Places by their first character, longest name first, for a single left-to-right scan. */
const PLACES_BY_FIRST_CHAR: ReadonlyMap<string, readonly Place[]> = (() => {
  const m = new Map<string, Place[]>();
  for (const p of PLACES) m.set(p.name[0], [...(m.get(p.name[0]) ?? []), p]);
  for (const list of m.values()) list.sort((a, b) => b.name.length - a.name.length);
  return m;
})();

/** Places named in a text, scanning left to right and taking the longest name at each position (吉林市 → 吉林 once). */
export function placesIn(text: string): Place[] {
  const found: Place[] = [];
  let i = 0;
  while (i < text.length) {
    const match = PLACES_BY_FIRST_CHAR.get(text[i])?.find((p) => text.startsWith(p.name, i));
    if (match) {
      found.push(match);
      i += match.name.length;
    } else {
      i += 1;
    }
  }
  return found;
}
