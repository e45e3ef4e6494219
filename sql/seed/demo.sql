-- Demo data for the local (ruizhu) and test (ruizhu_test) stacks; load after scripts/migrate.
--
-- Deterministic and idempotent: every row has a fixed id and is inserted with
-- `ON DUPLICATE KEY UPDATE id = id`, so loading the file again adds and changes nothing
-- (rows edited by tests keep their edits). Dates are fixed UTC literals, not "now".
-- Money is integer fen (159900 = 1599.00 yuan).
--
-- Fixed ids tests can rely on
--   categories  1 手袋  2 服装  3 珠宝  4 鞋履  5 香水  6 腕表  7 配饰  8 丝巾  9 眼镜  10 家居
--               active: 1..9 (9 has no products, product_count 0); 10 is inactive (hidden).
--               sort_order puts 8 丝巾 after 3 珠宝: GET /categories order is 1,2,3,8,4,5,6,7,9.
--   products    ids 1..232, sku 'RZ-' || LPAD(id, 6, '0') (RZ-000001), brand RUIZHU.
--               1..220 on sale (status 1); 221..225 off sale (0); 226..230 deleted (2);
--               231..232 draft (3; 232 has publish_at 2099-01-01).
--               Category of a product: 1 + (id - 1) % 8, except 4 -> 7 配饰 and 5 -> 6 腕表.
--               1   星辰系列 经典托特包, category 1, price 1790000 (17900.00), original_price
--                   1990000, stock 500, colors ["黑色","白色"], sizes ["均码"], is_new 1, is_hot 1
--               2   on sale, stock 0 (as are 20, 60, 100, 140, 180, 220)
--               3   on sale, stock 1 (one unit: oversell tests)
--               4   锦绣系列 优雅手套, category 7, price 29900 (299.00, below the free-shipping
--                   threshold), stock 500
--               5   锦绣系列 优雅潜水腕表, category 6, price 3581050 (35810.50 yuan), stock 266
--               Other on-sale prices end in .50 yuan when id % 10 = 3, else whole yuan.
--               Products 10k and 10k+1 share created_at (newest-first tie broken by id DESC).
--               Perfume (category 5) has colors [] (no colour choice).
--   banners     position 'home': live 1 (weight 100), 2 (90), 3 (80) -> GET /banners returns
--               ids 1,2,3 in that order; 4 disabled, 5 expired (end 2024-06-30), 6 not yet
--               started (start 2099-01-01); 7 is position 'category' (live).
--   recommendation_slots 1 home_recommend, 2 cart_recommend
--               home_recommend live on-sale items in order: 1, 3, 5, 8, 13, 21, 34, 55;
--               hidden: 221 (off sale), 226 (deleted), 9 (expired window), 10 (future window).
--               cart_recommend live items in order: 4, 12, 16, 24, 30, 40.
--   content_pages 1 privacy, 2 terms, 3 about
--   vip_levels  level 0 普通会员 100% from 0; 1 银卡会员 98% from 500000 (5000 yuan);
--               2 金卡会员 95% from 2000000; 3 铂金会员 90% from 5000000; ids = level + 1.
--               validity_days 0 for level 0 (never expires), 365 otherwise.
--   settings    payment_timeout_minutes 30; shipping_fee {"flat_fee":2000,"free_threshold":100000}
--               (fen: 20 yuan, free from 1000 yuan); auto_complete_days 10; payment_fee_rate_bp 60
--               (0.60%); features {"ordering":true,"payment":true,"shipping":true}; site {...}.
--   coupons     (start 2024-01-01, end 2099-12-31 23:59:59 unless noted; public; codes are
--               case-sensitive; tests must not use these up -- create your own via SQL)
--               1 WELCOME100 fixed 100 yuan off (10000 fen), min 1000 yuan, per user 1, unlimited
--               2 VIP10      10% off, capped at 500 yuan, no minimum, per user 5, unlimited
--               3 BIG500     fixed 500 yuan off, min 5000 yuan (high minimum), per user 1
--               4 LAST1      fixed 20 yuan off, usage_limit 100 with used_count 99 (one left)
--               5 SUMMER2024 20% off, expired (end 2024-06-30 23:59:59)
--               6 PAUSED     fixed 50 yuan off, inactive (is_active 0)
--               7 PRIVATE88  fixed 88 yuan off, not public (not listed; claimable by code)
SET NAMES utf8mb4;
SET time_zone = '+00:00';

START TRANSACTION;

INSERT INTO categories (id, name, description, icon_url, sort_order, is_active, created_at, updated_at) VALUES
  (1,  '手袋', 'Bags · 经典与当季手袋',         'https://img.ruizhu.example/c/bags.png',        10, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (2,  '服装', 'Clothing · 成衣系列',           'https://img.ruizhu.example/c/clothing.png',    20, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (3,  '珠宝', 'Jewellery · 高级珠宝与时尚首饰', 'https://img.ruizhu.example/c/jewellery.png',   30, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (4,  '鞋履', 'Shoes · 女士与男士鞋履',        'https://img.ruizhu.example/c/shoes.png',       40, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (5,  '香水', 'Perfume · 香氛与香水',          'https://img.ruizhu.example/c/perfume.png',     50, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (6,  '腕表', 'Watches · 腕表与计时',          'https://img.ruizhu.example/c/watches.png',     60, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (7,  '配饰', 'Accessories · 皮具小件与配饰',   'https://img.ruizhu.example/c/accessories.png', 70, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (8,  '丝巾', 'Scarves · 丝巾与围巾',          'https://img.ruizhu.example/c/scarves.png',     35, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (9,  '眼镜', 'Eyewear · 太阳镜与光学镜架',     'https://img.ruizhu.example/c/eyewear.png',     80, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (10, '家居', 'Home · 家居系列（暂未开放）',     'https://img.ruizhu.example/c/home.png',        90, 0, '2024-01-01 00:00:00', '2024-01-01 00:00:00')
ON DUPLICATE KEY UPDATE id = id;

-- Products 1..232 from word lists. `k` numbers the products inside one category, so the
-- (series, adjective, noun) triple differs for every product of a category.
INSERT INTO products
  (id, category_id, sku, name, description, price, original_price, cost_price, stock,
   stock_warning, sold_count, main_image, images, colors, sizes, materials, brand, status,
   publish_at, is_new, is_hot, view_count, created_at, updated_at)
WITH RECURSIVE seq (n) AS (
  SELECT 1
  UNION ALL
  SELECT n + 1 FROM seq WHERE n < 232
),
base AS (
  SELECT n,
         CASE n WHEN 4 THEN 7 WHEN 5 THEN 6 ELSE 1 + (n - 1) % 8 END AS c,
         CASE WHEN n IN (4, 5) THEN 29 ELSE (n - 1) DIV 8 END AS k,
         (n * 7919) % 97 AS x,
         CASE WHEN n % 10 = 1 AND n > 1 THEN n - 1 ELSE n END AS t,
         (n % 7 IN (1, 4)) AS hot
  FROM seq
),
priced AS (
  SELECT b.*,
         CASE
           WHEN n = 1 THEN 1790000
           WHEN n = 4 THEN 29900
           WHEN n = 5 THEN 3581050
           ELSE 100 * CASE c
                  WHEN 1 THEN 8000 + x * 300
                  WHEN 2 THEN 2500 + x * 120
                  WHEN 3 THEN 3000 + x * 500
                  WHEN 4 THEN 3200 + x * 80
                  WHEN 5 THEN 600 + x * 15
                  WHEN 6 THEN 20000 + x * 1500
                  WHEN 7 THEN 300 + x * 40
                  ELSE 1500 + x * 50
                END + CASE WHEN n % 10 = 3 THEN 50 ELSE 0 END
         END AS price,
         CONCAT(ELT(1 + k % 9, '星辰', '云岚', '锦绣', '朝露', '月影', '琉璃', '凌霄', '青黛', '暮雪'),
                '系列 ',
                ELT(1 + k % 5, '经典', '摩登', '复古', '简约', '优雅'),
                CASE c
                  WHEN 1 THEN ELT(1 + k % 6, '托特包', '斜挎包', '手提包', '链条包', '水桶包', '双肩包')
                  WHEN 2 THEN ELT(1 + k % 6, '羊绒大衣', '真丝衬衫', '针织开衫', '西装外套', '连衣裙', '风衣')
                  WHEN 3 THEN ELT(1 + k % 6, '钻石项链', '珍珠耳环', '黄金手镯', '翡翠吊坠', '铂金戒指', '红宝石胸针')
                  WHEN 4 THEN ELT(1 + k % 6, '高跟鞋', '乐福鞋', '短靴', '运动鞋', '芭蕾平底鞋', '凉鞋')
                  WHEN 5 THEN ELT(1 + k % 6, '淡香水', '浓香水', '香氛礼盒', '淡香精', '香体喷雾', '旅行装香水')
                  WHEN 6 THEN ELT(1 + k % 6, '机械腕表', '石英腕表', '陀飞轮腕表', '计时腕表', '女士腕表', '潜水腕表')
                  WHEN 7 THEN ELT(1 + k % 6, '皮带', '钥匙扣', '卡包', '太阳镜', '发饰', '手套')
                  ELSE ELT(1 + k % 6, '真丝方巾', '羊绒围巾', '印花丝巾', '长款披肩', '斜纹丝巾', '小方巾')
                END) AS pname,
         CASE c
           WHEN 1 THEN ELT(1 + k % 4, '意大利小牛皮', '法国羊皮', '帆布拼牛皮', '鳄鱼纹压花牛皮')
           WHEN 2 THEN ELT(1 + k % 4, '100%山羊绒', '桑蚕丝', '羊毛混纺', '亚麻棉')
           WHEN 3 THEN ELT(1 + k % 4, '18K金', '925银', '铂金PT950', '天然淡水珍珠')
           WHEN 4 THEN ELT(1 + k % 4, '小羊皮', '漆皮', '麂皮', '牛皮')
           WHEN 5 THEN ELT(1 + k % 4, '花香调', '木质调', '柑橘调', '东方调')
           WHEN 6 THEN ELT(1 + k % 4, '精钢表壳', '18K玫瑰金表壳', '陶瓷表壳', '钛金属表壳')
           WHEN 7 THEN ELT(1 + k % 4, '小牛皮', '黄铜镀金', '醋酸纤维', '羊皮')
           ELSE ELT(1 + k % 4, '100%桑蚕丝', '山羊绒', '真丝斜纹绸', '羊毛真丝混纺')
         END AS material
  FROM base b
)
SELECT
  n,
  c,
  CONCAT('RZ-', LPAD(n, 6, '0')),
  pname,
  CONCAT(pname, '。选用', material, '，',
         ELT(1 + n % 4, '由资深工匠手工打造', '每一处细节都经过精心打磨', '延续品牌百年工艺', '以当季灵感重新演绎'),
         '，',
         ELT(1 + n % 3, '经典廓形历久弥新', '低调奢华，适合日常与正式场合', '兼具实用与优雅'),
         '。RUIZHU 瑞珠官方正品，支持专柜验货。'),
  price,
  CASE WHEN n = 1 THEN 1990000
       WHEN n % 3 = 0 THEN price
       ELSE price * (110 + n % 30) DIV 10000 * 100 END,
  price * 40 DIV 100,
  CASE WHEN n IN (1, 4) THEN 500
       WHEN n = 3 THEN 1
       WHEN n = 2 OR n % 40 = 20 THEN 0
       ELSE 1 + (n * 53) % 500 END,
  10,
  (n * 131) % 1997 + hot * 1500,
  CONCAT('https://img.ruizhu.example/p/', n, '-1.jpg'),
  JSON_ARRAY(CONCAT('https://img.ruizhu.example/p/', n, '-1.jpg'),
             CONCAT('https://img.ruizhu.example/p/', n, '-2.jpg'),
             CONCAT('https://img.ruizhu.example/p/', n, '-3.jpg')),
  CASE
    WHEN c = 5 THEN JSON_ARRAY()
    WHEN c = 3 THEN JSON_ARRAY(ELT(1 + n % 3, '玫瑰金色', '铂金色', '黄金色'),
                               ELT(1 + (n + 1) % 3, '玫瑰金色', '铂金色', '黄金色'))
    WHEN c = 6 THEN JSON_ARRAY(ELT(1 + n % 3, '银色', '黑色', '玫瑰金色'),
                               ELT(1 + (n + 1) % 3, '银色', '黑色', '玫瑰金色'))
    WHEN n % 4 = 0 THEN JSON_ARRAY(ELT(1 + (n - 1) % 8, '黑色', '白色', '驼色', '酒红', '藏青', '米白', '墨绿', '焦糖'),
                                   ELT(1 + n % 8, '黑色', '白色', '驼色', '酒红', '藏青', '米白', '墨绿', '焦糖'),
                                   ELT(1 + (n + 1) % 8, '黑色', '白色', '驼色', '酒红', '藏青', '米白', '墨绿', '焦糖'))
    ELSE JSON_ARRAY(ELT(1 + (n - 1) % 8, '黑色', '白色', '驼色', '酒红', '藏青', '米白', '墨绿', '焦糖'),
                    ELT(1 + n % 8, '黑色', '白色', '驼色', '酒红', '藏青', '米白', '墨绿', '焦糖'))
  END,
  CASE c
    WHEN 2 THEN JSON_ARRAY('S', 'M', 'L', 'XL')
    WHEN 4 THEN JSON_ARRAY('35', '36', '37', '38', '39', '40')
    WHEN 5 THEN JSON_ARRAY('50ml', '100ml')
    WHEN 6 THEN JSON_ARRAY('36mm', '40mm')
    ELSE JSON_ARRAY('均码')
  END,
  material,
  'RUIZHU',
  CASE WHEN n <= 220 THEN 1 WHEN n <= 225 THEN 0 WHEN n <= 230 THEN 2 ELSE 3 END,
  CASE WHEN n = 232 THEN '2099-01-01 00:00:00' END,
  (n % 5 IN (1, 2)),
  hot,
  (n * 977) % 20000,
  TIMESTAMP('2024-10-01 12:00:00') - INTERVAL ((t * 37) % 180) DAY - INTERVAL ((t * 7) % 1440) MINUTE,
  TIMESTAMP('2024-10-01 12:00:00') - INTERVAL ((t * 37) % 180) DAY - INTERVAL ((t * 7) % 1440) MINUTE
FROM priced
ON DUPLICATE KEY UPDATE id = products.id;

INSERT INTO banners (id, position, title, subtitle, image_url, link_type, link_value, sort_weight, start_at, end_at, is_active) VALUES
  (1, 'home',     '秋冬新品上市',   '星辰系列手袋 全新登场',  'https://img.ruizhu.example/b/1.jpg', 'product',  '1',                                 100, '2024-01-01 00:00:00', '2099-12-31 00:00:00', 1),
  (2, 'home',     '手袋臻选',       '经典款式 限时礼遇',      'https://img.ruizhu.example/b/2.jpg', 'category', '1',                                 90,  NULL,                  NULL,                  1),
  (3, 'home',     '品牌故事',       '匠心传承 瑞珠百年',      'https://img.ruizhu.example/b/3.jpg', 'url',      'https://www.ruizhu.example/story', 80,  '2024-01-01 00:00:00', NULL,                  1),
  (4, 'home',     '已下线活动',     '此横幅已停用',          'https://img.ruizhu.example/b/4.jpg', 'url',      'https://www.ruizhu.example/old',   200, NULL,                  NULL,                  0),
  (5, 'home',     '夏季特卖（已结束）', '活动已结束',          'https://img.ruizhu.example/b/5.jpg', 'category', '2',                                 150, '2024-06-01 00:00:00', '2024-06-30 00:00:00', 1),
  (6, 'home',     '未来活动预告',   '敬请期待',              'https://img.ruizhu.example/b/6.jpg', 'category', '3',                                 120, '2099-01-01 00:00:00', NULL,                  1),
  (7, 'category', '珠宝专区',       '高级珠宝 璀璨登场',      'https://img.ruizhu.example/b/7.jpg', 'category', '3',                                 100, NULL,                  NULL,                  1)
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO recommendation_slots (id, position, name) VALUES
  (1, 'home_recommend', '首页推荐'),
  (2, 'cart_recommend', '购物车推荐')
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO recommendation_items (id, slot_id, product_id, sort_weight, start_at, end_at, clicks, conversions) VALUES
  (1,  1, 1,   100, NULL,                  NULL,                  120, 12),
  (2,  1, 3,   95,  NULL,                  NULL,                  80,  5),
  (3,  1, 5,   90,  '2024-01-01 00:00:00', '2099-12-31 00:00:00', 64,  3),
  (4,  1, 8,   85,  NULL,                  NULL,                  40,  2),
  (5,  1, 13,  80,  NULL,                  NULL,                  33,  1),
  (6,  1, 21,  75,  NULL,                  NULL,                  20,  0),
  (7,  1, 34,  70,  NULL,                  NULL,                  10,  0),
  (8,  1, 55,  65,  NULL,                  NULL,                  5,   0),
  (9,  1, 221, 99,  NULL,                  NULL,                  0,   0),
  (10, 1, 226, 98,  NULL,                  NULL,                  0,   0),
  (11, 1, 9,   97,  '2024-01-01 00:00:00', '2024-06-30 00:00:00', 0,   0),
  (12, 1, 10,  96,  '2099-01-01 00:00:00', NULL,                  0,   0),
  (13, 2, 4,   100, NULL,                  NULL,                  15,  4),
  (14, 2, 12,  90,  NULL,                  NULL,                  9,   1),
  (15, 2, 16,  80,  NULL,                  NULL,                  7,   0),
  (16, 2, 24,  70,  NULL,                  NULL,                  3,   0),
  (17, 2, 30,  60,  NULL,                  NULL,                  2,   0),
  (18, 2, 40,  50,  NULL,                  NULL,                  1,   0)
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO content_pages (id, `key`, title, body, updated_at) VALUES
  (1, 'privacy', '隐私政策',
   'RUIZHU 瑞珠（以下简称“我们”）深知个人信息对您的重要性，并会尽全力保护您的个人信息安全。\n\n一、我们收集的信息\n在您使用小程序时，我们会收集您的微信昵称、头像，以及您主动提供的手机号码和收货地址，用于账户登录、订单配送和售后服务。\n\n二、信息的存储与保护\n您的手机号码等敏感信息以加密方式存储，仅授权人员在必要时可以访问。我们不会出售您的个人信息。\n\n三、信息的使用\n我们仅在您同意的范围内使用您的信息进行数据分析或向您发送营销信息，您可以随时在“我的-会员资料”中撤回同意。\n\n四、联系我们\n如对本政策有任何疑问，请致电客服热线 400-800-8888。',
   '2024-01-01 00:00:00'),
  (2, 'terms', '用户服务协议',
   '欢迎使用 RUIZHU 瑞珠官方小程序。\n\n一、服务内容\n本小程序为您提供商品浏览、购买、会员服务及 VIP 定制咨询。\n\n二、订单与支付\n订单提交后请在 30 分钟内完成支付，逾期订单将自动取消。商品价格以下单时页面展示为准。\n\n三、配送与签收\n订单发货后 10 天将自动确认收货。请在签收时当面检查商品外观。\n\n四、退款\n如需退款，请在订单详情页提交申请，我们将在审核通过后原路退回款项。\n\n五、其他\n本协议的解释、效力及纠纷解决，适用中华人民共和国法律。',
   '2024-01-01 00:00:00'),
  (3, 'about', '关于瑞珠',
   'RUIZHU 瑞珠创立于上海，专注于高级手袋、成衣、珠宝与腕表的设计与工艺。\n\n我们相信，真正的奢华源于对细节的坚持。每一件作品都由经验丰富的工匠手工完成，历经数十道工序。\n\n官方小程序提供正品保障、专属会员礼遇与一对一 VIP 定制咨询服务。',
   '2024-01-01 00:00:00')
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO vip_levels (id, level, name, discount_rate, spend_threshold, validity_days, benefits) VALUES
  (1, 0, '普通会员', 100, 0,       0,
   '[{"name": "会员积分", "description": "消费即可累积积分"}, {"name": "生日礼遇", "description": "生日当月专属礼品"}]'),
  (2, 1, '银卡会员', 98,  500000,  365,
   '[{"name": "98折优惠", "description": "全场商品享98折"}, {"name": "生日礼遇", "description": "生日当月专属礼品"}, {"name": "优先发货", "description": "订单优先处理与发货"}]'),
  (3, 2, '金卡会员', 95,  2000000, 365,
   '[{"name": "95折优惠", "description": "全场商品享95折"}, {"name": "免费包装", "description": "专属礼盒包装"}, {"name": "专属顾问", "description": "一对一专属购物顾问"}, {"name": "新品优先购", "description": "新品上市优先购买"}]'),
  (4, 3, '铂金会员', 90,  5000000, 365,
   '[{"name": "9折优惠", "description": "全场商品享9折"}, {"name": "专属顾问", "description": "一对一专属购物顾问"}, {"name": "私享活动", "description": "受邀参加品牌私享活动"}, {"name": "免费改制", "description": "珠宝与皮具免费保养改制"}, {"name": "顺丰包邮", "description": "所有订单顺丰包邮"}]')
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO settings (id, `key`, value, description, is_secret) VALUES
  (1, 'payment_timeout_minutes', '30', '未支付订单自动取消的分钟数', 0),
  (2, 'shipping_fee', '{"flat_fee": 2000, "free_threshold": 100000}', '运费（分）；订单金额达到 free_threshold（分）免运费', 0),
  (3, 'auto_complete_days', '10', '发货后自动确认收货的天数', 0),
  (4, 'payment_fee_rate_bp', '60', '支付渠道费率，单位万分之一（60 = 0.60%）', 0),
  (5, 'features', '{"ordering": true, "payment": true, "shipping": true}', '下单、支付、发货功能开关', 0),
  (6, 'site', '{"name": "RUIZHU 瑞珠", "service_phone": "400-800-8888", "service_hours": "10:00-22:00"}', '基本信息', 0)
ON DUPLICATE KEY UPDATE id = id;

-- Coupons (see header). Money in fen; discount_value is a percent for discount_type 2.
INSERT INTO coupons (id, code, name, description, discount_type, discount_value, min_purchase_price,
                     max_discount_price, usage_limit, used_count, per_user_limit, start_date, end_date,
                     is_active, is_public, created_at, updated_at) VALUES
  (1, 'WELCOME100', '新人礼券', '满1000元减100元',           1, 10000, 100000, 0,     -1,  0,  1, '2024-01-01 00:00:00', '2099-12-31 23:59:59', 1, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (2, 'VIP10',      '会员九折券', '全场9折，最高优惠500元',    2, 10,    0,      50000, -1,  0,  5, '2024-01-01 00:00:00', '2099-12-31 23:59:59', 1, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (3, 'BIG500',     '尊享礼券', '满5000元减500元',           1, 50000, 500000, 0,     -1,  0,  1, '2024-01-01 00:00:00', '2099-12-31 23:59:59', 1, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (4, 'LAST1',      '限量礼券', '无门槛减20元，限量100张',    1, 2000,  0,      0,     100, 99, 1, '2024-01-01 00:00:00', '2099-12-31 23:59:59', 1, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (5, 'SUMMER2024', '夏日八折券', '全场8折（已过期）',         2, 20,    0,      0,     -1,  0,  1, '2024-06-01 00:00:00', '2024-06-30 23:59:59', 1, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (6, 'PAUSED',     '暂停礼券', '减50元（已停用）',          1, 5000,  0,      0,     -1,  0,  1, '2024-01-01 00:00:00', '2099-12-31 23:59:59', 0, 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
  (7, 'PRIVATE88',  '专属礼券', '专属邀请码，减88元',         1, 8800,  0,      0,     -1,  0,  1, '2024-01-01 00:00:00', '2099-12-31 23:59:59', 1, 0, '2024-01-01 00:00:00', '2024-01-01 00:00:00')
ON DUPLICATE KEY UPDATE id = id;

COMMIT;
