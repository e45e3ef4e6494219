-- Bench dataset for the bench stack's own database (ruizhu_bench); load after scripts/migrate
-- into an empty schema, instead of demo.sql (the ids overlap, so do not load both).
--
-- 20 categories (ids 1..20, all active) and 10 000 on-sale products (ids 1..10000, sku
-- RZ-000001.., 500 per category: category_id = 1 + (id - 1) % 20) with prices from 199 to
-- ~30 000 yuan in tiers (many equal prices, so ties break on id), skewed sold_count, created_at
-- spread over the two years before 2025-01-01 UTC, and stock >= 100 000 so order benchmarks
-- never run out. Also the reference rows the API needs (VIP levels, settings, banners,
-- recommendation slots, content pages), kept in step with demo.sql.
-- Deterministic and idempotent (fixed ids, ON DUPLICATE KEY UPDATE id = id).
--
-- 10 000 rows come from a 100 x 100 cross join of a recursive sequence: the recursion depth
-- stays at 100, under the default limit of both servers (MySQL cte_max_recursion_depth and
-- MariaDB max_recursive_iterations are both 1000), so no session variable is needed. (Setting
-- one is not portable: each server rejects the other's name, and MariaDB also executes
-- MySQL's /*!80000 ... */ version comments.)
SET NAMES utf8mb4;
SET time_zone = '+00:00';

START TRANSACTION;

INSERT INTO categories (id, name, description, icon_url, sort_order, is_active, created_at, updated_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 20)
SELECT n,
       ELT(n, '手袋', '服装', '珠宝', '鞋履', '香水', '腕表', '配饰', '丝巾', '眼镜', '家居',
              '男装', '女装', '童装', '旅行箱包', '钱包卡包', '腰带', '帽饰', '美妆护肤', '运动系列', '礼盒套装'),
       CONCAT('RUIZHU 瑞珠 ', ELT(n, '手袋', '服装', '珠宝', '鞋履', '香水', '腕表', '配饰', '丝巾', '眼镜', '家居',
              '男装', '女装', '童装', '旅行箱包', '钱包卡包', '腰带', '帽饰', '美妆护肤', '运动系列', '礼盒套装'), '系列'),
       CONCAT('https://img.ruizhu.example/c/', n, '.png'),
       n * 10,
       1,
       '2023-01-01 00:00:00',
       '2023-01-01 00:00:00'
FROM seq
ON DUPLICATE KEY UPDATE id = categories.id;

INSERT INTO products
  (id, category_id, sku, name, description, price, original_price, cost_price, stock,
   stock_warning, sold_count, main_image, images, colors, sizes, materials, brand, status,
   publish_at, is_new, is_hot, view_count, created_at, updated_at)
WITH RECURSIVE seq (n) AS (
  SELECT 1
  UNION ALL
  SELECT n + 1 FROM seq WHERE n < 100
),
base AS (
  SELECT (a.n - 1) * 100 + b.n AS n
  FROM seq a CROSS JOIN seq b
),
shaped AS (
  SELECT n,
         1 + (n - 1) % 20 AS c,
         100 * (ELT(1 + (n * 31) % 10, 199, 399, 699, 999, 1599, 2599, 4999, 8999, 15999, 29999)
                + ((n * 7919) % 50) * 20) AS price,
         ((n * 7919) % 1000) * ((n * 104729) % 1000) DIV 100 AS sold,
         CONCAT(ELT(1 + n % 12, '星辰', '云岚', '锦绣', '朝露', '月影', '琉璃', '凌霄', '青黛', '暮雪', '流光', '晨曦', '金缕'),
                '系列 ',
                ELT(1 + (n DIV 12) % 8, '经典', '摩登', '复古', '简约', '优雅', '轻奢', '典藏', '限定'),
                ELT(1 + (n - 1) % 20, '手袋', '大衣', '项链', '短靴', '香水', '腕表', '卡包', '丝巾', '太阳镜', '香薰',
                    '西装', '连衣裙', '童装外套', '旅行箱', '长款钱包', '皮带', '贝雷帽', '精华', '运动鞋', '礼盒'),
                ' No.', n) AS pname,
         ELT(1 + n % 6, '小牛皮', '羊皮', '山羊绒', '桑蚕丝', '18K金', '精钢') AS material
  FROM base
)
SELECT
  n,
  c,
  CONCAT('RZ-', LPAD(n, 6, '0')),
  pname,
  CONCAT(pname, '。选用', material, '，由资深工匠手工打造，经典廓形历久弥新。RUIZHU 瑞珠官方正品。'),
  price,
  CASE WHEN n % 3 = 0 THEN price ELSE price * (110 + n % 30) DIV 10000 * 100 END,
  price * 40 DIV 100,
  100000 + (n * 37) % 900000,
  10,
  sold,
  CONCAT('https://img.ruizhu.example/p/', n, '-1.jpg'),
  JSON_ARRAY(CONCAT('https://img.ruizhu.example/p/', n, '-1.jpg'),
             CONCAT('https://img.ruizhu.example/p/', n, '-2.jpg')),
  JSON_ARRAY(ELT(1 + n % 8, '黑色', '白色', '驼色', '酒红', '藏青', '米白', '墨绿', '焦糖'),
             ELT(1 + (n + 3) % 8, '黑色', '白色', '驼色', '酒红', '藏青', '米白', '墨绿', '焦糖')),
  CASE WHEN c IN (2, 11, 12, 13) THEN JSON_ARRAY('S', 'M', 'L', 'XL')
       WHEN c IN (4, 19) THEN JSON_ARRAY('36', '37', '38', '39', '40')
       ELSE JSON_ARRAY('均码') END,
  material,
  'RUIZHU',
  1,
  NULL,
  (n % 10 = 0),
  (sold >= 5000),
  sold * 7 + (n * 977) % 5000,
  TIMESTAMP('2025-01-01 00:00:00') - INTERVAL ((n * 7919) % 63072000) SECOND,
  TIMESTAMP('2025-01-01 00:00:00') - INTERVAL ((n * 7919) % 63072000) SECOND
FROM shaped
ON DUPLICATE KEY UPDATE id = products.id;

INSERT INTO banners (id, position, title, subtitle, image_url, link_type, link_value, sort_weight, start_at, end_at, is_active) VALUES
  (1, 'home', '秋冬新品上市', '星辰系列 全新登场', 'https://img.ruizhu.example/b/1.jpg', 'product',  '1', 100, NULL, NULL, 1),
  (2, 'home', '手袋臻选',     '经典款式 限时礼遇', 'https://img.ruizhu.example/b/2.jpg', 'category', '1', 90,  NULL, NULL, 1),
  (3, 'home', '品牌故事',     '匠心传承 瑞珠百年', 'https://img.ruizhu.example/b/3.jpg', 'url', 'https://www.ruizhu.example/story', 80, NULL, NULL, 1)
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO recommendation_slots (id, position, name) VALUES
  (1, 'home_recommend', '首页推荐'),
  (2, 'cart_recommend', '购物车推荐')
ON DUPLICATE KEY UPDATE id = id;

-- 20 items per slot: home gets products 1, 11, 21 ... 191; cart gets 5, 15, 25 ... 195.
INSERT INTO recommendation_items (id, slot_id, product_id, sort_weight)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 40)
SELECT n,
       CASE WHEN n <= 20 THEN 1 ELSE 2 END,
       CASE WHEN n <= 20 THEN 1 + (n - 1) * 10 ELSE 5 + (n - 21) * 10 END,
       100 - (n - 1) % 20
FROM seq
ON DUPLICATE KEY UPDATE id = recommendation_items.id;

INSERT INTO content_pages (id, `key`, title, body) VALUES
  (1, 'privacy', '隐私政策', 'RUIZHU 瑞珠深知个人信息对您的重要性，并会尽全力保护您的个人信息安全。'),
  (2, 'terms',   '用户服务协议', '欢迎使用 RUIZHU 瑞珠官方小程序。订单提交后请在 30 分钟内完成支付。'),
  (3, 'about',   '关于瑞珠', 'RUIZHU 瑞珠专注于高级手袋、成衣、珠宝与腕表的设计与工艺。')
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO vip_levels (id, level, name, discount_rate, spend_threshold, validity_days, benefits) VALUES
  (1, 0, '普通会员', 100, 0,       0,   '[{"name": "会员积分", "description": "消费即可累积积分"}]'),
  (2, 1, '银卡会员', 98,  500000,  365, '[{"name": "98折优惠", "description": "全场商品享98折"}]'),
  (3, 2, '金卡会员', 95,  2000000, 365, '[{"name": "95折优惠", "description": "全场商品享95折"}]'),
  (4, 3, '铂金会员', 90,  5000000, 365, '[{"name": "9折优惠", "description": "全场商品享9折"}]')
ON DUPLICATE KEY UPDATE id = id;

INSERT INTO settings (id, `key`, value, description, is_secret) VALUES
  (1, 'payment_timeout_minutes', '30', '未支付订单自动取消的分钟数', 0),
  (2, 'shipping_fee', '{"flat_fee": 2000, "free_threshold": 100000}', '运费（分）；订单金额达到 free_threshold（分）免运费', 0),
  (3, 'auto_complete_days', '10', '发货后自动确认收货的天数', 0),
  (4, 'payment_fee_rate_bp', '60', '支付渠道费率，单位万分之一（60 = 0.60%）', 0),
  (5, 'features', '{"ordering": true, "payment": true, "shipping": true}', '下单、支付、发货功能开关', 0),
  (6, 'site', '{"name": "RUIZHU 瑞珠", "service_phone": "400-800-8888", "service_hours": "10:00-22:00"}', '基本信息', 0)
ON DUPLICATE KEY UPDATE id = id;

COMMIT;
