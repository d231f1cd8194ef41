#include "cli/demo.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "app/account_commands.h"
#include "app/accounts.h"
#include "app/catalog_commands.h"
#include "app/command.h"
#include "app/fulfillment.h"
#include "app/order_commands.h"
#include "app/payments.h"
#include "app/waybills.h"
#include "domain/fulfillment/shipment.h"
#include "domain/order/intake.h"

namespace ordo::cli {
namespace {

constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kDemoSpan = 14 * kDay;  // orders are spread over the fortnight before now
constexpr size_t kOrderCount = 300;
constexpr uint32_t kSeed = 20241111;
// The warehouse whose presence marks a store that already holds the demo data.
constexpr char kMarkerWarehouse[] = "SH-01";

constexpr char kOpsActor[] = "user:demo-ops";
constexpr char kCsActor[] = "user:demo-cs";
constexpr char kWarehouseActor[] = "user:demo-warehouse";
constexpr char kSalesActor[] = "user:demo-sales";
constexpr char kFinanceActor[] = "user:demo-finance";
constexpr char kSystemActor[] = "system";

// ---------------------------------------------------------------------------------------------
// The catalogue.

struct WarehouseSpec {
  const char* code;
  const char* name;
  const char* phone;
  const char* province;
  const char* city;
  const char* district;
  const char* detail;
  const char* division_code;
};

constexpr WarehouseSpec kWarehouses[] = {
    {"SH-01", "上海青浦仓", "021-59761688", "上海市", "上海市", "青浦区",
     "华新镇华志路1688号 3号库", "310118"},
    {"GZ-01", "广州白云仓", "020-86035520", "广东省", "广州市", "白云区", "太和镇大源北路28号 B栋",
     "440111"},
    {"BJ-01", "北京大兴仓", "010-67856012", "北京市", "北京市", "大兴区",
     "经济技术开发区经海三路109号 5号库", "110115"},
};
constexpr size_t kWarehouseCount = std::size(kWarehouses);

// The waybill numbers each carrier allotted (电子面单号段), printed as prefix + digits. The demo
// ships a few hundred parcels, so a few thousand numbers each leave the waves room to work.
struct WaybillRangeSpec {
  const char* carrier;
  const char* prefix;
  int64_t first_no;
  int64_t last_no;
  int digits;
  const char* note;
};

constexpr WaybillRangeSpec kWaybillRanges[] = {
    {"SF", "SF", 1460000000001, 1460000005000, 13, "顺丰月结 0210000001 号段"},
    {"ZTO", "", 731000000001, 731000005000, 12, "中通电子面单 上海青浦网点"},
    {"YTO", "YT", 7050000000001, 7050000005000, 13, "圆通电子面单 号段 2026-11"},
    {"JD", "JDVA", 20000000001, 20000005000, 11, "京东物流 商家号段"},
};

struct SkuSpec {
  const char* code;
  const char* name;
  const char* spec;
  const char* category;
  int64_t price_amount;  // fen
  int64_t weight_g;
  Quantity step_quantity;
  Quantity min_quantity;
  bool sellable;
  Quantity stock[kWarehouseCount];  // initial receipt per warehouse, in kWarehouses order
};

// One SKU per line: the catalogue reads best as a table.
// clang-format off
constexpr SkuSpec kSkus[] = {
    {"TEA-LJ-250", "西湖龙井 雨前一级", "250g 罐装", "茶叶", 26800, 420, 1, 1, true, {60, 30, 40}},
    {"TEA-TGY-250", "安溪铁观音 清香型", "250g 袋装", "茶叶", 12800, 320, 1, 1, true, {40, 50, 20}},
    {"TEA-DHP-200", "武夷山大红袍", "200g 礼盒", "茶叶", 19800, 650, 1, 1, true, {30, 40, 25}},
    {"TEA-PE-357", "云南普洱熟茶 七子饼", "357g 饼", "茶叶", 15800, 420, 1, 1, true, {35, 25, 30}},
    {"TEA-BMD-100", "福鼎白茶 白牡丹", "100g 饼", "茶叶", 8800, 180, 1, 1, true, {50, 30, 30}},
    {"TEA-QM-150", "祁门红茶 工夫红茶", "150g 罐装", "茶叶", 6600, 260, 1, 1, true, {60, 40, 40}},
    {"TEA-MLH-100", "茉莉花茶 飘雪", "100g 袋装", "茶叶", 3900, 130, 1, 1, true, {80, 60, 50}},
    {"TEA-BLC-125", "洞庭碧螺春 明前", "125g 罐装", "茶叶", 9800, 230, 1, 1, true, {40, 20, 30}},
    {"TEA-HSMF-250", "黄山毛峰 特级", "250g 袋装", "茶叶", 7800, 300, 1, 1, true, {30, 20, 20}},
    {"SNK-NUT-750", "每日坚果 混合装", "750g / 30袋", "零食", 9900, 850, 1, 1, true,
     {120, 100, 90}},
    {"SNK-BEEF-200", "手撕牛肉干 五香味", "200g", "零食", 4990, 230, 1, 1, true, {80, 60, 70}},
    {"SNK-MAC-500", "夏威夷果 奶油味", "500g", "零食", 3980, 560, 1, 1, true, {90, 70, 60}},
    {"SNK-PECAN-500", "碧根果 奶香味", "500g", "零食", 4580, 560, 1, 1, true, {60, 40, 40}},
    {"SNK-PORK-300", "靖江猪肉脯 原味", "300g", "零食", 3590, 340, 1, 1, true, {70, 50, 60}},
    {"SNK-DHS-6", "蛋黄酥", "6枚装 / 330g", "零食", 2990, 400, 1, 1, true, {50, 60, 40}},
    {"SNK-DUCK-400", "麻辣鸭脖", "400g 真空装", "零食", 3290, 450, 1, 1, true, {60, 80, 30}},
    {"SNK-SEAWEED-10", "海苔脆片", "10包 / 40g", "零食", 1990, 120, 1, 1, true, {100, 80, 80}},
    {"SNK-MANGO-500", "芒果干", "500g", "零食", 2890, 540, 1, 1, true, {70, 90, 50}},
    {"SNK-HAW-400", "山楂条", "400g", "零食", 1590, 430, 1, 1, true, {60, 40, 70}},
    {"SNK-LSF-5", "柳州螺蛳粉", "5袋装 / 1.5kg", "零食", 5990, 1650, 1, 1, true, {80, 120, 50}},
    {"APP-TEE-WH-L", "纯棉圆领T恤 男款", "白色 / L", "服装", 7900, 220, 1, 1, true, {40, 30, 30}},
    {"APP-TEE-BK-XL", "纯棉圆领T恤 男款", "黑色 / XL", "服装", 7900, 230, 1, 1, true,
     {35, 25, 30}},
    {"APP-TEE-NV-M", "纯棉圆领T恤 男款", "藏青 / M", "服装", 7900, 210, 1, 1, true, {30, 20, 25}},
    {"APP-HOOD-GY-L", "加绒连帽卫衣", "灰色 / L", "服装", 15900, 650, 1, 1, true, {25, 20, 30}},
    {"APP-HOOD-BK-XL", "加绒连帽卫衣", "黑色 / XL", "服装", 15900, 680, 1, 1, true, {20, 15, 25}},
    {"APP-DOWN-WH-M", "女款短款羽绒服", "米白 / M", "服装", 59900, 900, 1, 1, true, {15, 8, 20}},
    {"APP-DOWN-BK-L", "女款短款羽绒服", "黑色 / L", "服装", 59900, 920, 1, 1, true, {12, 6, 18}},
    {"APP-JEAN-LB-30", "直筒牛仔裤", "浅蓝 / 30", "服装", 19900, 600, 1, 1, true, {20, 20, 15}},
    {"APP-JEAN-DB-32", "直筒牛仔裤", "深蓝 / 32", "服装", 19900, 620, 1, 1, true, {20, 15, 15}},
    {"APP-SCARF-CM", "羊毛围巾", "驼色 / 均码", "服装", 12900, 180, 1, 1, true, {30, 10, 30}},
    {"APP-SOCK-5", "精梳棉运动袜 5双装", "混色 / 均码", "服装", 2990, 200, 1, 1, true,
     {80, 60, 60}},
    // Discontinued: still in stock, no longer for sale.
    {"APP-DOWN-2023", "男款长款羽绒服 2023款", "藏青 / XL", "服装", 79900, 1300, 1, 1, false,
     {5, 0, 3}},
    {"HOM-BED-18", "全棉四件套", "灰白格 / 1.8m床", "家居", 39900, 2300, 1, 1, true,
     {20, 15, 15}},
    {"HOM-PILLOW", "天然乳胶枕", "60×40cm", "家居", 19900, 1200, 1, 1, true, {30, 25, 20}},
    {"HOM-CUP-500", "不锈钢保温杯", "500ml / 雾白", "家居", 12900, 380, 1, 1, true, {50, 40, 40}},
    {"HOM-DISH-16", "陶瓷餐具套装", "16件套", "家居", 22900, 4200, 1, 1, true, {15, 10, 10}},
    {"HOM-TOWEL-3", "竹纤维毛巾", "3条装", "家居", 4990, 360, 1, 1, true, {60, 50, 40}},
    {"HOM-BOX-55", "加厚收纳箱", "55L / 3个装", "家居", 8990, 3600, 1, 1, true, {20, 20, 20}},
    {"HOM-CANDLE", "香薰蜡烛", "200g / 白茶香", "家居", 6800, 420, 1, 1, true, {30, 20, 20}},
    {"HOM-TISSUE-24", "原木抽纸", "3层120抽 × 24包", "家居", 5990, 3100, 1, 1, true,
     {100, 80, 80}},
    {"DIG-CHG-65W", "65W 氮化镓充电器", "白色 / 2C1A", "数码配件", 12900, 160, 1, 1, true,
     {50, 40, 40}},
    {"DIG-CABLE-C", "编织快充数据线", "USB-C / 1m", "数码配件", 3900, 50, 1, 1, true,
     {150, 100, 100}},
    {"DIG-PB-20K", "移动电源", "20000mAh / 22.5W", "数码配件", 14900, 420, 1, 1, true,
     {40, 30, 30}},
    // Sold out everywhere: every order for it is backordered.
    {"DIG-EAR-ANC", "真无线降噪蓝牙耳机", "白色", "数码配件", 29900, 120, 1, 1, true, {0, 0, 0}},
    {"DIG-CASE-15P", "手机壳 iPhone 15 Pro", "透明 / 磁吸", "数码配件", 4900, 60, 1, 1, true,
     {60, 40, 40}},
    {"DIG-FILM-2", "钢化膜 iPhone 15", "2片装", "数码配件", 2900, 40, 1, 1, true, {100, 60, 60}},
    {"DIG-KB-87", "机械键盘 87键", "茶轴 / 白色背光", "数码配件", 39900, 1100, 1, 1, true,
     {6, 0, 0}},
    {"DIG-MOUSE", "静音无线鼠标", "黑色", "数码配件", 8900, 110, 1, 1, true, {40, 30, 30}},
    {"DIG-HUB-7", "Type-C 扩展坞", "7合1 / 深空灰", "数码配件", 19900, 150, 1, 1, true,
     {25, 20, 20}},
    {"FRS-ORANGE-5K", "赣南脐橙", "5kg 箱装 / 果径75-80mm", "生鲜", 6990, 5400, 1, 1, true,
     {80, 60, 40}},
    {"FRS-CHERRY-25", "智利车厘子 JJ级", "2.5kg 礼盒", "生鲜", 29900, 2800, 1, 1, true, {6, 4, 0}},
    {"FRS-GRAPE", "阳光玫瑰葡萄", "2串 / 约1.5kg", "生鲜", 8990, 1700, 1, 1, true, {40, 50, 20}},
    {"FRS-MILK-950", "鲜牛奶", "950ml / 瓶", "生鲜", 1590, 1000, 6, 6, true, {600, 480, 360}},
    {"FRS-EGG-30", "鲜鸡蛋", "30枚 / 盒", "生鲜", 3290, 1900, 1, 2, true, {200, 150, 120}},
    {"FRS-YOG-200", "原味酸奶", "200g / 杯", "生鲜", 590, 220, 12, 12, true, {720, 600, 480}},
    {"FRS-SALMON", "挪威冰鲜三文鱼 中段", "500g", "生鲜", 12800, 600, 1, 1, true, {30, 20, 20}},
    {"FRS-STEAK", "澳洲谷饲西冷牛排", "200g × 5片", "生鲜", 19900, 1100, 1, 1, true, {40, 30, 30}},
    {"FRS-BANANA", "进口香蕉", "整箱 13kg", "生鲜", 9800, 13500, 1, 2, true, {60, 80, 40}},
    // Seasonal: off sale until autumn, nothing in stock.
    {"FRS-CRAB-8", "阳澄湖大闸蟹 礼盒", "公4.0两 母3.0两 / 8只", "生鲜", 59800, 2500, 1, 1, false,
     {0, 0, 0}},
};
// clang-format on
constexpr size_t kSkuCount = std::size(kSkus);

// ---------------------------------------------------------------------------------------------
// Customers and addresses.

struct DistrictSpec {
  const char* province;
  const char* city;
  const char* district;
  const char* division_code;
  const char* streets[3];
};

constexpr DistrictSpec kDistricts[] = {
    {"上海市", "上海市", "浦东新区", "310115", {"世纪大道", "张杨路", "锦绣路"}},
    {"上海市", "上海市", "徐汇区", "310104", {"漕溪北路", "肇嘉浜路", "天钥桥路"}},
    {"上海市", "上海市", "静安区", "310106", {"南京西路", "延安中路", "江宁路"}},
    {"上海市", "上海市", "闵行区", "310112", {"七莘路", "虹井路", "沪闵路"}},
    {"北京市", "北京市", "朝阳区", "110105", {"建国路", "望京街", "朝阳北路"}},
    {"北京市", "北京市", "海淀区", "110108", {"中关村大街", "学院路", "北四环西路"}},
    {"北京市", "北京市", "东城区", "110101", {"东直门南大街", "王府井大街", "朝阳门北大街"}},
    {"广东省", "广州市", "天河区", "440106", {"天河路", "珠江东路", "体育西路"}},
    {"广东省", "广州市", "越秀区", "440104", {"中山五路", "环市东路", "北京路"}},
    {"广东省", "深圳市", "南山区", "440305", {"深南大道", "后海大道", "科苑路"}},
    {"广东省", "深圳市", "福田区", "440304", {"福华三路", "深南中路", "益田路"}},
    {"浙江省", "杭州市", "西湖区", "330106", {"文三路", "天目山路", "古墩路"}},
    {"浙江省", "杭州市", "余杭区", "330110", {"文一西路", "五常大道", "良睦路"}},
    {"浙江省", "宁波市", "鄞州区", "330212", {"天童南路", "四明中路", "钱湖北路"}},
    {"江苏省", "南京市", "鼓楼区", "320106", {"中山北路", "汉中门大街", "湖南路"}},
    {"江苏省", "苏州市", "姑苏区", "320508", {"人民路", "干将西路", "十全街"}},
    {"四川省", "成都市", "武侯区", "510107", {"人民南路四段", "武侯祠大街", "科华北路"}},
    {"四川省", "成都市", "锦江区", "510104", {"红星路三段", "东大街", "春熙路"}},
    {"湖北省", "武汉市", "洪山区", "420111", {"珞喻路", "光谷大道", "雄楚大道"}},
    {"陕西省", "西安市", "雁塔区", "610113", {"小寨西路", "科技路", "雁塔路"}},
    {"湖南省", "长沙市", "岳麓区", "430104", {"麓山南路", "枫林三路", "金星中路"}},
    {"重庆市", "重庆市", "渝中区", "500103", {"民族路", "中山三路", "解放西路"}},
    {"天津市", "天津市", "和平区", "120101", {"南京路", "滨江道", "西康路"}},
    {"山东省", "青岛市", "市南区", "370202", {"香港中路", "东海西路", "闽江路"}},
    {"福建省", "厦门市", "思明区", "350203", {"鹭江道", "湖滨南路", "厦禾路"}},
    {"河南省", "郑州市", "金水区", "410105", {"花园路", "经三路", "农业路"}},
};

constexpr const char* kSurnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "吴", "周",
                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
                                     "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "曹"};
constexpr const char* kGivenNames[] = {
    "伟",   "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",   "军",   "洋",   "勇",
    "艳",   "杰",   "娟",   "涛",   "明",   "超",   "秀英", "霞",   "平",   "刚",   "桂英",
    "晓明", "子涵", "欣怡", "浩然", "思远", "雨萱", "梓轩", "佳怡", "一鸣", "婷婷", "建华",
    "志强", "文静", "俊杰", "晓燕", "海燕", "红梅", "宇航", "诗涵", "嘉豪", "雪梅", "国庆"};
constexpr const char* kMobilePrefixes[] = {
    "138", "139", "137", "136", "135", "150", "151", "152", "158", "159", "187", "188", "186",
    "185", "155", "156", "133", "153", "180", "181", "189", "177", "199", "198", "166", "173"};
constexpr const char* kCommunities[] = {
    "阳光花园",     "金色家园",     "翠湖天地",     "万科城市花园", "绿地世纪城",
    "保利香槟国际", "龙湖春江郦城", "碧桂园凤凰城", "华润二十四城", "中海国际社区"};
constexpr const char* kTowers[] = {"A", "B", "C", "D"};

// B2B customers: shops that restock by phone and pay cash on delivery.
struct StoreSpec {
  const char* name;
  const char* member_id;
  const char* contact;
  const char* phone;
  size_t district;  // index into kDistricts
  const char* detail;
};

constexpr StoreSpec kStores[] = {
    {"鲜丰生活超市（漕河泾店）", "B2B-0001", "陈建国", "13916620418", 1, "虹漕路88号 1层 105号铺"},
    {"邻里优选便利店（望京店）", "B2B-0002", "刘海涛", "13501187326", 4,
     "望京街9号 望京国际商业中心 B1层 12号铺"},
    {"悦来茶饮（体育西店）", "B2B-0003", "黄嘉欣", "13802295531", 7,
     "体育西路103号 维多利广场 2楼 218室"},
    {"好邻居社区店（文三路店）", "B2B-0004", "周立平", "13758120964", 11,
     "文三路478号 1层 3号商铺"},
    {"鲜果时光（南山科技园店）", "B2B-0005", "林晓东", "13612937705", 9,
     "科苑路15号 科兴科学园 B栋 1楼"},
    {"禾一餐饮（春熙路店）", "B2B-0006", "杨帆", "18980021376", 17,
     "红星路三段1号 国际金融中心 L4层 412号"},
};

constexpr const char* kBuyerNotes[] = {
    "请放快递柜，谢谢",     "工作日白天不在家，请放门卫室", "送货前请先电话联系",
    "不要放门口，电话联系", "麻烦包装结实一点，送人的",     "需要开发票，抬头见备注二",
    "周末配送即可",         "请勿放价格单，是礼物"};
constexpr const char* kBuyerCancelReasons[] = {"拍错了，重新下单", "不想要了", "地址填错了",
                                               "优惠券没用上，重新下单"};
constexpr const char* kPaidCancelReasons[] = {
    "客户申请取消：不想要了", "客户申请取消：地址填错，已重新下单", "客户申请取消：买重复了",
    "客户申请取消：发货太慢，去别家买了"};
constexpr const char* kRejectReasons[] = {"风控拦截：疑似刷单，同一地址多次下单",
                                          "收货电话空号，联系客户未果", "收货地址超出配送范围",
                                          "货到付款金额超出客户信用额度"};

struct ChannelSpec {
  const char* name;
  int weight;  // percent of orders
};

constexpr ChannelSpec kChannels[] = {{"tmall", 30}, {"jd", 20},   {"douyin", 18},
                                     {"web", 12},   {"phone", 8}, {"store", 12}};

// ---------------------------------------------------------------------------------------------
// Small helpers.

// `value` in decimal, zero-padded to at least `width` digits.
std::string Pad(int64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, width - digits.size(), '0');
  }
  return digits;
}

// "2026-11-20", the China calendar date of `t`.
std::string DateText(Timestamp t) {
  const int32_t date = ChinaDate(t);
  return Pad(date / 10000, 4) + "-" + Pad(date / 100 % 100, 2) + "-" + Pad(date % 100, 2);
}

// The hour of day of `t` in China Standard Time.
int64_t ChinaHour(Timestamp t) {
  return (t.unix_ms / kHour + 8) % 24;
}

// `status` with `context` in front of its message.
Status WithContext(const Status& status, const std::string& context) {
  if (status.ok()) {
    return status;
  }
  return Status(status.kind(), status.code(), context + ": " + status.ToString());
}

const char* CommandName(const app::OrderCommand& command) {
  constexpr const char* kNames[] = {"confirm payment", "review",   "start picking", "pack", "ship",
                                    "deliver",         "complete", "cancel"};
  return kNames[command.index()];
}

// ---------------------------------------------------------------------------------------------
// The plan: every order and what happens to it, decided up front from a fixed seed.

// One change to an order after it was placed.
struct Step {
  Timestamp at;
  std::string actor;
  app::OrderCommand command;  // a payment's amount is the order's total, filled in when applied
  int64_t packaging_g = 0;    // PackInput: carton and filler on top of the goods' weight
};

struct PlannedOrder {
  NewOrder input;
  Timestamp at;
  std::string actor;
  std::vector<Step> steps;  // in time order, none after now
};

// Office staff work from 08:00 to 22:00 China time: later work waits for the morning (the
// warehouse works in shifts round the clock).
Timestamp DuringWorkingHours(Timestamp t) {
  const int64_t hour = ChinaHour(t);
  if (hour >= 22) {
    return t.PlusMs((24 - hour + 8) * kHour);
  }
  return hour < 8 ? t.PlusMs((8 - hour) * kHour) : t;
}

// Collects the steps of one order while their times stay in the past.
struct Timeline {
  Timestamp now;
  Timestamp t;
  std::vector<Step> steps;
  // The kind of command (an OrderCommand alternative) the order waits at, if it waits.
  std::optional<size_t> stall_before;

  // Adds `command` `delay_ms` after the previous step (office work in working hours); false
  // (and nothing added) when that would be in the future or the order waits at this step.
  bool Add(int64_t delay_ms, std::string actor, app::OrderCommand command,
           int64_t packaging_g = 0) {
    if (stall_before == command.index()) {
      return false;
    }
    t = t.PlusMs(delay_ms);
    if (actor == kCsActor || actor == kFinanceActor) {
      t = DuringWorkingHours(t);
    }
    if (t > now) {
      return false;
    }
    steps.push_back(Step{t, std::move(actor), std::move(command), packaging_g});
    return true;
  }
};

struct Person {
  std::string member_id;
  std::string name;
  std::string phone;
  Address address;
};

class Planner {
 public:
  Planner(Timestamp start, Timestamp now) : rng_(kSeed), start_(start), now_(now) {}

  std::vector<PlannedOrder> Orders();

 private:
  int64_t Between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(rng_() % static_cast<uint64_t>(high - low + 1));
  }
  bool Percent(int percent) { return Between(0, 99) < percent; }
  template <typename T, size_t N>
  const T& PickFrom(const T (&items)[N]) {
    return items[Between(0, N - 1)];
  }
  std::string Digits(int count);

  std::vector<Timestamp> CreationTimes();
  Person NewPerson();
  std::string AddressDetail(const DistrictSpec& district);
  std::string ExternalId(const std::string& channel, size_t index, Timestamp at);
  PlannedOrder StoreOrder(size_t index, Timestamp at);
  PlannedOrder ConsumerOrder(const std::string& channel, size_t index, Timestamp at);
  std::vector<NewOrderLine> Lines(bool bulk);
  std::vector<Step> Plan(const NewOrder& input, Timestamp at);
  void PlanFulfilment(const NewOrder& input, Timeline& line);
  app::PaymentInput Payment(const std::string& channel, Timestamp at);
  app::ShipInput Shipment(const NewOrder& input);

  std::mt19937 rng_;
  Timestamp start_;
  Timestamp now_;
  std::vector<Person> customers_;
};

std::string Planner::Digits(int count) {
  std::string digits;
  for (int i = 0; i < count; ++i) {
    digits.push_back(static_cast<char>('0' + Between(0, 9)));
  }
  return digits;
}

// Creation times, oldest first: a quarter of the orders in the last day (the queue the team is
// working on), the rest over the fortnight, few at night China time.
std::vector<Timestamp> Planner::CreationTimes() {
  std::vector<Timestamp> times;
  const int64_t oldest = now_.unix_ms - start_.unix_ms - 6 * kHour;
  while (times.size() < kOrderCount) {
    const int64_t age = Percent(25) ? Between(5 * kMinute, kDay) : Between(kDay, oldest);
    const Timestamp at{now_.unix_ms - age};
    const int64_t hour = ChinaHour(at);
    if (hour >= 1 && hour < 8 && !Percent(15)) {
      continue;
    }
    times.push_back(at);
  }
  std::sort(times.begin(), times.end());
  return times;
}

std::string Planner::AddressDetail(const DistrictSpec& district) {
  const std::string street = district.streets[Between(0, 2)];
  const std::string number = std::to_string(Between(1, 1200)) + "号";
  const int64_t floor = Between(2, 28);
  const std::string room = std::to_string(floor) + Pad(Between(1, 12), 2) + "室";
  switch (Between(0, 2)) {
    case 0:
      return street + number + " " + std::to_string(floor) + "楼 " + room;
    case 1:
      return street + number + PickFrom(kCommunities) + std::to_string(Between(1, 20)) + "栋" +
             std::to_string(Between(1, 4)) + "单元" + room;
    default:
      return street + number + " " + PickFrom(kTowers) + "座" + room;
  }
}

Person Planner::NewPerson() {
  Person person;
  person.name = std::string(PickFrom(kSurnames)) + PickFrom(kGivenNames);
  person.phone = std::string(PickFrom(kMobilePrefixes)) + Digits(8);
  if (Percent(60)) {
    person.member_id = "M" + Digits(8);
  }
  const DistrictSpec& district = PickFrom(kDistricts);
  person.address = Address{district.province, district.city, district.district,
                           AddressDetail(district), district.division_code};
  return person;
}

// Channel order ids look like each channel's own: long numbers for the marketplaces, readable
// references for our own channels. The index keeps them unique.
std::string Planner::ExternalId(const std::string& channel, size_t index, Timestamp at) {
  const std::string serial = Pad(static_cast<int64_t>(index) + 1, 4);
  const std::string date = std::to_string(ChinaDate(at));
  if (channel == "tmall") {
    return "37" + Digits(13) + serial;
  }
  if (channel == "jd") {
    return "30" + Digits(6) + serial;
  }
  if (channel == "douyin") {
    return "69" + Digits(13) + serial;
  }
  if (channel == "web") {
    return "WEB-" + date + "-" + serial;
  }
  if (channel == "phone") {
    return "TEL-" + date + "-" + serial;
  }
  return "PO-" + date + "-" + serial;
}

// Lines of distinct sellable SKUs in valid quantities at the catalogue price. `bulk`: a shop
// restocking fresh food and snacks by the case.
std::vector<NewOrderLine> Planner::Lines(bool bulk) {
  const int64_t roll = Between(0, 99);
  const size_t wanted = bulk ? Between(1, 4) : roll < 50 ? 1 : roll < 78 ? 2 : roll < 93 ? 3 : 4;
  std::vector<NewOrderLine> lines;
  std::set<std::string> used;
  while (lines.size() < wanted) {
    const SkuSpec& sku = kSkus[Between(0, kSkuCount - 1)];
    const std::string category = sku.category;
    if (!sku.sellable || (bulk && category != "生鲜" && category != "零食") ||
        !used.insert(sku.code).second) {
      continue;
    }
    const int64_t roll_quantity = Between(0, 99);
    Quantity quantity = bulk ? Between(2, 6) : roll_quantity < 75 ? 1 : roll_quantity < 93 ? 2 : 3;
    if (sku.step_quantity > 1) {
      quantity = sku.step_quantity * (bulk ? Between(2, 4) : 1);
    }
    quantity = std::max(quantity, sku.min_quantity);
    lines.push_back(NewOrderLine{sku.code, quantity, sku.price_amount, ""});
  }
  return lines;
}

PlannedOrder Planner::StoreOrder(size_t index, Timestamp at) {
  const StoreSpec& store = PickFrom(kStores);
  const DistrictSpec& district = kDistricts[store.district];
  PlannedOrder order;
  order.at = at;
  order.actor = kSalesActor;
  NewOrder& input = order.input;
  input.channel = "store";
  input.external_id = ExternalId(input.channel, index, at);
  input.customer = Customer{store.member_id, store.name, store.phone};
  input.consignee = Consignee{store.contact, store.phone,
                              Address{district.province, district.city, district.district,
                                      store.detail, district.division_code}};
  input.lines = Lines(/*bulk=*/true);
  input.payment_method = "cod";
  input.shipping_service = Percent(30) ? "next_day" : "standard";
  input.buyer_note = Percent(50) ? "早上10点前送到，走后门卸货" : "";
  return order;
}

PlannedOrder Planner::ConsumerOrder(const std::string& channel, size_t index, Timestamp at) {
  const Person& buyer = customers_[Between(0, customers_.size() - 1)];
  PlannedOrder order;
  order.at = at;
  order.actor = channel == "phone" ? kCsActor : "token:" + channel;
  NewOrder& input = order.input;
  input.channel = channel;
  input.external_id = ExternalId(channel, index, at);
  input.customer = Customer{buyer.member_id, buyer.name, buyer.phone};
  input.consignee = Consignee{buyer.name, buyer.phone, buyer.address};
  input.lines = Lines(/*bulk=*/false);
  const int cod_percent = channel == "phone" ? 50 : channel == "web" ? 15 : 0;
  input.payment_method = Percent(cod_percent) ? "cod" : "online";
  const int64_t service = Between(0, 99);
  input.shipping_service = service < 8    ? "economy"
                           : service < 78 ? "standard"
                           : service < 90 ? "express"
                           : service < 95 ? "next_day"
                                          : "same_day";
  if (Percent(8)) {  // a gift sent to someone else for a dated occasion
    const Person recipient = NewPerson();
    input.consignee = Consignee{recipient.name, recipient.phone, recipient.address};
    input.occasion_date = DateText(at.PlusMs(Between(2, 10) * kDay));
    input.buyer_note = "生日礼物，请在" + *input.occasion_date + "前送达，勿放价格单";
  } else if (Percent(25)) {
    input.buyer_note = PickFrom(kBuyerNotes);
  }
  if (channel == "tmall" || channel == "jd" || channel == "douyin") {
    int64_t total = 0;
    for (const NewOrderLine& line : input.lines) {
      total += *line.unit_price_amount * line.quantity;
    }
    input.total_amount = total;
  }
  return order;
}

app::PaymentInput Planner::Payment(const std::string& channel, Timestamp at) {
  const bool alipay = channel == "tmall" || (channel != "jd" && Percent(50));
  const std::string date = std::to_string(ChinaDate(at));
  if (alipay) {
    return app::PaymentInput{"alipay", date + "2200" + Digits(16), 0};
  }
  return app::PaymentInput{"wechat", "4200" + Digits(4) + date + Digits(12), 0};
}

// The carrier the warehouse hands the parcel to; its waybill number is drawn from the ranges the
// carriers allotted (kWaybillRanges), as a real day's would be.
app::ShipInput Planner::Shipment(const NewOrder& input) {
  const bool urgent = input.shipping_service != "standard" && input.shipping_service != "economy";
  if (urgent || Percent(25)) {
    return app::ShipInput{"SF", ""};
  }
  if (input.channel == "jd" || input.channel == "store") {
    return app::ShipInput{"JD", ""};
  }
  return app::ShipInput{Percent(55) ? "ZTO" : "YTO", ""};
}

// Picking, packing and shipping by the warehouse, then delivery and confirmation of receipt.
// A backordered order stops at picking (see Loader::Apply).
void Planner::PlanFulfilment(const NewOrder& input, Timeline& line) {
  if (!line.Add(Between(60, 480) * kMinute, kWarehouseActor, app::PickInput{}) ||
      !line.Add(Between(60, 300) * kMinute, kWarehouseActor, app::PackInput{}, Between(120, 450)) ||
      !line.Add(Between(60, 360) * kMinute, kWarehouseActor, Shipment(input))) {
    return;
  }
  const std::string& service = input.shipping_service;
  const int64_t transit = service == "same_day"   ? Between(3, 8) * kHour
                          : service == "next_day" ? Between(14, 28) * kHour
                          : service == "express"  ? Between(20, 40) * kHour
                          : service == "economy"  ? Between(72, 120) * kHour
                                                  : Between(26, 72) * kHour;
  if (!line.Add(transit, kSystemActor, app::DeliverInput{})) {
    return;
  }
  const bool marketplace =
      input.channel == "tmall" || input.channel == "jd" || input.channel == "douyin";
  const std::string actor = marketplace                     ? "token:" + input.channel
                            : input.payment_method == "cod" ? kFinanceActor
                                                            : kSystemActor;
  line.Add(Between(1, 6) * kDay + Between(0, 600) * kMinute, actor, app::CompleteInput{});
}

// The order's life after placement: payment (or not), review, fulfilment, with a few orders
// closed unpaid, rejected at review or cancelled by the customer on the way.
std::vector<Step> Planner::Plan(const NewOrder& input, Timestamp at) {
  Timeline line{now_, at, {}, std::nullopt};
  if (now_.unix_ms - at.unix_ms < kDay && Percent(70)) {
    // Today's queue: the order waits for payment, review, picking, packing or shipment (the
    // index of that command in OrderCommand).
    const int64_t roll = Between(0, 99);
    line.stall_before = roll < 15 ? 0 : roll < 35 ? 1 : roll < 50 ? 2 : roll < 75 ? 3 : 4;
  }
  const bool cod = input.payment_method == "cod";
  const int64_t fate = Between(0, 99);
  if (!cod && fate < 12) {  // never paid
    if (fate < 4) {
      line.Add(Between(5, 120) * kMinute, "token:" + input.channel,
               app::CancelInput{std::string("买家取消：") + PickFrom(kBuyerCancelReasons)});
    } else {
      line.Add(kDay, kSystemActor, app::CancelInput{"超时未支付，系统自动关闭"});
    }
    return line.steps;
  }
  if (!cod) {
    const int64_t delay = Between(1, 25) * kMinute;
    // Phone orders are paid through a payment link from the web shop.
    const std::string actor = "token:" + (input.channel == "phone" ? "web" : input.channel);
    if (!line.Add(delay, actor, Payment(input.channel, at.PlusMs(delay)))) {
      return line.steps;
    }
  }
  const int64_t review_delay = (cod ? Between(30, 600) : Between(10, 180)) * kMinute;
  if ((fate >= 12 && fate < 15) || (cod && fate < 6)) {
    line.Add(review_delay, kCsActor, app::ReviewInput{"reject", PickFrom(kRejectReasons)});
    return line.steps;
  }
  if (fate >= 15 && fate < 18) {  // the customer changes their mind before review
    line.Add(Between(10, 90) * kMinute, kCsActor, app::CancelInput{PickFrom(kPaidCancelReasons)});
    return line.steps;
  }
  if (!line.Add(review_delay, kCsActor, app::ReviewInput{"approve", ""})) {
    return line.steps;
  }
  if (fate >= 18 && fate < 21) {  // … or while the order waits for the warehouse
    line.Add(Between(30, 240) * kMinute, kCsActor, app::CancelInput{PickFrom(kPaidCancelReasons)});
    return line.steps;
  }
  PlanFulfilment(input, line);
  return line.steps;
}

std::vector<PlannedOrder> Planner::Orders() {
  for (int i = 0; i < 120; ++i) {
    customers_.push_back(NewPerson());
  }
  std::vector<PlannedOrder> orders;
  const std::vector<Timestamp> times = CreationTimes();
  for (size_t i = 0; i < times.size(); ++i) {
    int64_t roll = Between(0, 99);
    std::string channel;
    for (const ChannelSpec& spec : kChannels) {
      if (channel.empty() && roll < spec.weight) {
        channel = spec.name;
      }
      roll -= spec.weight;
    }
    PlannedOrder order =
        channel == "store" ? StoreOrder(i, times[i]) : ConsumerOrder(channel, i, times[i]);
    order.steps = Plan(order.input, order.at);
    orders.push_back(std::move(order));
  }
  return orders;
}

// ---------------------------------------------------------------------------------------------
// Loading: every command through the real use cases, in time order, inside one transaction.

class Loader {
 public:
  Loader(WriteTx& tx, ManualClock& clock, Timestamp start)
      : tx_(tx), clock_(clock), start_(start) {}

  Status Setup();
  Status Run(const std::vector<PlannedOrder>& orders);

 private:
  // Runs `fn` with the clock set to `at`.
  Status At(Timestamp at, const WriteFn& fn) {
    clock_.Set(at);
    return fn(tx_);
  }
  app::CommandContext Context(std::string actor) { return app::CommandContext{actor, &clock_}; }
  Status Place(size_t index, const PlannedOrder& order);
  // Scans the parcel of `order` from `warehouse` ("" for its only one) as it is.
  Status Scan(const Order& order, const std::string& warehouse, const std::string& actor);
  Status Apply(size_t index, const PlannedOrder& order, const Step& step);

  WriteTx& tx_;
  ManualClock& clock_;
  Timestamp start_;
  std::vector<std::shared_ptr<app::OrderOutcome>> outcomes_;  // the latest state of each order
  std::vector<bool> halted_;                                  // backordered: stays unpicked
};

// Warehouses, then the catalogue, then the opening stock, in the first hours of the fortnight.
Status Loader::Setup() {
  Timestamp t = start_;
  for (const WarehouseSpec& spec : kWarehouses) {
    Warehouse warehouse;
    warehouse.code = spec.code;
    warehouse.name = spec.name;
    warehouse.phone = spec.phone;
    warehouse.address =
        Address{spec.province, spec.city, spec.district, spec.detail, spec.division_code};
    t = t.PlusMs(5 * kMinute);
    auto out = std::make_shared<Warehouse>();
    ORDO_RETURN_IF_ERROR(
        WithContext(At(t, app::CreateWarehouse(warehouse, Context(kOpsActor), out)),
                    std::string("demo warehouse ") + spec.code));
  }
  for (const SkuSpec& spec : kSkus) {
    Sku sku;
    sku.code = spec.code;
    sku.name = spec.name;
    sku.spec = spec.spec;
    sku.category = spec.category;
    sku.price_amount = spec.price_amount;
    sku.weight_g = spec.weight_g;
    sku.step_quantity = spec.step_quantity;
    sku.min_quantity = spec.min_quantity;
    sku.sellable = spec.sellable;
    sku.low_stock_threshold = spec.step_quantity * 10;
    t = t.PlusMs(2 * kMinute);
    auto out = std::make_shared<Sku>();
    ORDO_RETURN_IF_ERROR(WithContext(At(t, app::CreateSku(sku, Context(kOpsActor), out)),
                                     std::string("demo SKU ") + spec.code));
  }
  for (const WaybillRangeSpec& spec : kWaybillRanges) {
    WaybillRange range;
    range.carrier = spec.carrier;
    range.prefix = spec.prefix;
    range.first_no = spec.first_no;
    range.last_no = spec.last_no;
    range.digits = spec.digits;
    range.note = spec.note;
    t = t.PlusMs(kMinute);
    ORDO_RETURN_IF_ERROR(WithContext(
        At(t, app::LoadWaybillRange(range, Context(kOpsActor), std::make_shared<WaybillRange>())),
        std::string("demo waybill range of ") + spec.carrier));
  }
  t = t.PlusMs(kHour);
  for (const SkuSpec& spec : kSkus) {
    for (size_t w = 0; w < kWarehouseCount; ++w) {
      if (spec.stock[w] == 0) {
        continue;
      }
      t = t.PlusMs(30 * 1000);
      app::ReceiptInput receipt{kWarehouses[w].code, spec.code, spec.stock[w], "期初入库"};
      auto out = std::make_shared<app::StockOutcome>();
      ORDO_RETURN_IF_ERROR(
          WithContext(At(t, app::ReceiveStock(receipt, Context(kWarehouseActor), out)),
                      std::string("demo receipt of ") + spec.code + " at " + kWarehouses[w].code));
    }
  }
  return Status::Ok();
}

Status Loader::Scan(const Order& order, const std::string& warehouse, const std::string& actor) {
  const std::vector<std::string> warehouses = WarehousesOf(order);
  const std::string from =
      warehouse.empty() && !warehouses.empty() ? warehouses.front() : warehouse;
  app::VerifyInput input{warehouse, {}};
  for (const ShipmentLine& line : ParcelLines(order, from)) {
    input.scans.push_back({line.sku, line.quantity});
  }
  if (input.scans.empty()) {
    return Status::Ok();  // nothing to scan: packing refuses it on its own terms
  }
  return tx_.RunNested(app::VerifyParcel(order.order_no, std::move(input), Context(actor),
                                         std::make_shared<app::VerifyOutcome>()));
}

Status Loader::Place(size_t index, const PlannedOrder& order) {
  auto& outcome = outcomes_[index];
  outcome = std::make_shared<app::OrderOutcome>();
  Status status = At(order.at, app::PlaceOrder(order.input, Context(order.actor), outcome));
  if (status.ok() && !outcome->created) {
    status = Status::Internal("the order already exists");
  }
  return WithContext(status, "demo order " + order.input.channel + " " + order.input.external_id);
}

// Packing and shipping go parcel by parcel, one per warehouse holding the order's stock: one
// command per parcel. A parcel weighs its goods plus packaging within the weighing tolerance
// (10% by default), so the demo's parcels pass; each parcel draws its own waybill number.
std::vector<app::OrderCommand> PerParcel(const Order& order, app::OrderCommand command,
                                         int64_t packaging_g) {
  const bool pack = std::holds_alternative<app::PackInput>(command);
  if (!pack && !std::holds_alternative<app::ShipInput>(command)) {
    return {std::move(command)};
  }
  std::vector<std::string> warehouses = WarehousesOf(order);
  const bool split = warehouses.size() > 1;
  if (warehouses.empty()) {
    warehouses.emplace_back();
  }
  std::vector<app::OrderCommand> commands;
  for (size_t i = 0; i < warehouses.size(); ++i) {
    app::OrderCommand parcel = command;
    if (auto* input = std::get_if<app::PackInput>(&parcel)) {
      const int64_t expected_g =
          PlanShipment(order, warehouses[i], Timestamp{}).expected_weight_g();
      input->weight_g = expected_g + std::min(packaging_g, expected_g / 20);
      input->warehouse = split ? warehouses[i] : "";
    } else if (auto* input = std::get_if<app::ShipInput>(&parcel)) {
      input->warehouse = split ? warehouses[i] : "";
    }
    commands.push_back(std::move(parcel));
  }
  return commands;
}

Status Loader::Apply(size_t index, const PlannedOrder& order, const Step& step) {
  if (halted_[index]) {
    return Status::Ok();
  }
  const std::shared_ptr<app::OrderOutcome>& outcome = outcomes_[index];
  app::OrderCommand command = step.command;
  if (auto* payment = std::get_if<app::PaymentInput>(&command)) {
    payment->amount = outcome->order.total_amount;
  }
  const bool review = std::holds_alternative<app::ReviewInput>(command);
  if (review && outcome->order.status != OrderStatus::kPendingReview) {
    return Status::Ok();  // automatic review (app/review.h) approved it on payment
  }
  const std::string context = "demo order " + order.input.channel + " " + order.input.external_id +
                              " (" + outcome->order.order_no + "), " + CommandName(command);
  clock_.Set(step.at);
  if (std::holds_alternative<app::PickInput>(command) && AwaitsCodConfirmation(outcome->order)) {
    // Customer service re-confirms cash on delivery with the customer before picking (REV-2).
    auto confirmed = std::make_shared<Order>();
    ORDO_RETURN_IF_ERROR(
        WithContext(tx_.RunNested(app::ConfirmCod(outcome->order.order_no, {"phone", true, ""},
                                                  std::nullopt, Context(kCsActor), confirmed)),
                    context));
    outcome->order = *confirmed;
  }
  for (app::OrderCommand& parcel_command :
       PerParcel(outcome->order, std::move(command), step.packaging_g)) {
    if (const auto* pack = std::get_if<app::PackInput>(&parcel_command)) {
      // The packing desk scans the parcel first (packing waits for a correct scan).
      ORDO_RETURN_IF_ERROR(WithContext(Scan(outcome->order, pack->warehouse, step.actor), context));
    }
    const WriteFn fn = app::TransitionOrder(outcome->order.order_no, std::move(parcel_command),
                                            std::nullopt, Context(step.actor), outcome);
    const Status status = tx_.RunNested(fn);
    if (status.code() == Code::kBackordered) {
      halted_[index] = true;  // waits for stock: stays awaiting fulfillment
      return Status::Ok();
    }
    if (review && status.code() == Code::kOrderOnHold) {
      halted_[index] = true;  // a review rule holds it: it stays in the review queue
      return Status::Ok();
    }
    ORDO_RETURN_IF_ERROR(WithContext(status, context));
  }
  return Status::Ok();
}

Status Loader::Run(const std::vector<PlannedOrder>& orders) {
  // (time, order, step): step -1 places the order.
  std::vector<std::tuple<Timestamp, size_t, int>> actions;
  for (size_t i = 0; i < orders.size(); ++i) {
    actions.emplace_back(orders[i].at, i, -1);
    for (size_t s = 0; s < orders[i].steps.size(); ++s) {
      actions.emplace_back(orders[i].steps[s].at, i, static_cast<int>(s));
    }
  }
  std::sort(actions.begin(), actions.end());
  outcomes_.assign(orders.size(), nullptr);
  halted_.assign(orders.size(), false);
  for (const auto& [at, index, step] : actions) {
    const PlannedOrder& order = orders[index];
    ORDO_RETURN_IF_ERROR(step < 0 ? Place(index, order) : Apply(index, order, order.steps[step]));
  }
  return Status::Ok();
}

// The demo accounts missing from the store, created in one transaction. Passwords are hashed
// before it (Argon2id is slow), so the writer never waits for them.
Status CreateDemoAccounts(Store& store, const Clock& clock) {
  std::vector<User> missing;
  for (const DemoAccount& account : DemoAccounts()) {
    ORDO_ASSIGN_OR_RETURN(std::optional<User> existing, store.reads().GetUser(account.username));
    if (existing) {
      continue;
    }
    User user;
    user.username = account.username;
    user.role = account.role;
    user.display_name = account.display_name;
    user.department = account.department;
    ORDO_ASSIGN_OR_RETURN(user.password_hash, app::HashPassword(kDemoPassword));
    missing.push_back(std::move(user));
  }
  if (missing.empty()) {
    return Status::Ok();
  }
  return store.SubmitAndWait([&](WriteTx& tx) -> Status {
    for (const User& user : missing) {
      auto out = std::make_shared<User>();
      const Status created = tx.RunNested(app::CreateUser(user, {kSystemActor, &clock}, out));
      if (!created.ok() && created.code() != Code::kAlreadyExists) {
        return WithContext(created, std::string("demo account ") + user.username);
      }
    }
    return Status::Ok();
  });
}

}  // namespace

std::span<const DemoAccount> DemoAccounts() {
  // The usernames of the actors the demo history names (kOpsActor, kCsActor, …) are among them.
  static constexpr DemoAccount kAccounts[] = {
      {"demo-admin", "admin", "系统管理员 陈立", "信息部"},
      {"demo-cs", "customer_service", "客服 王芳", "客服部"},
      {"demo-warehouse", "warehouse", "仓储打包员 李强", "仓储部"},
      {"demo-logistics", "logistics", "物流专员 赵磊", "物流部"},
      {"demo-finance", "finance", "财务 刘静", "财务部"},
      {"demo-ops", "operations", "运营 孙敏", "运营部"},
      {"demo-purchasing", "purchasing", "采购 周勇", "采购部"},
      {"demo-auditor", "auditor", "监督小组 吴娜", "监督小组"},
      {"demo-supervisor", "supervisor", "运营主管 郑军", "运营部"},
  };
  return kAccounts;
}

Status LoadDemo(Store& store, const Clock& clock) {
  ORDO_RETURN_IF_ERROR(CreateDemoAccounts(store, clock));
  ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> marker,
                        store.reads().GetWarehouse(kMarkerWarehouse));
  if (marker) {
    return Status::Ok();
  }
  const Timestamp now = clock.Now();
  const Timestamp start = now.PlusMs(-kDemoSpan);
  const std::vector<PlannedOrder> orders = Planner(start, now).Orders();
  // The use cases read the time from this clock; the loader sets it to each command's moment.
  ManualClock demo_clock(start);
  // One transaction: the demo data is loaded whole or not at all.
  return store.SubmitAndWait([&](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> existing, tx.FindWarehouse(kMarkerWarehouse));
    if (existing) {
      return Status::Ok();  // loaded concurrently since the check above
    }
    Loader loader(tx, demo_clock, start);
    ORDO_RETURN_IF_ERROR(loader.Setup());
    return loader.Run(orders);
  });
}

}  // namespace ordo::cli
