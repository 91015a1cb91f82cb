# 系统拒绝请求时的说明：接口错误（problem）的标题和详情，以及每个字段违反的规则。
# 接口和页面（显示在表单字段旁）共用。数值（数字、日期、代码）传入时已写好。
# 用词以 GLOSSARY.md 为准；“以上/以下”含本数，“超过/低于”不含。

## 错误标题：HTTP 状态的含义。

error-title-400 = 请求有误
error-title-401 = 未登录或凭证无效
error-title-403 = 无权操作
error-title-404 = 未找到
error-title-409 = 与现有数据冲突
error-title-413 = 请求体过大
error-title-415 = 不支持的内容类型
error-title-422 = 输入有误
error-title-429 = 请求过于频繁
error-title-500 = 服务器内部错误
error-title-503 = 服务暂时不可用

## 错误详情。

error-unauthenticated = 需要有效的访问令牌（Bearer）或 API 密钥
error-bad-credentials = 邮箱或密码不正确
error-forbidden = 您的角色无权执行此操作
error-out-of-key-scope = 此 API 密钥的权限范围不允许此操作；API 密钥不能管理密钥或用户
error-vendor-offboarded = 您所属的服务商已被商家解除合作，其用户无法再登录
error-not-found = 未找到
error-invalid-input = 输入违反了 { $count } 条规则
error-unavailable = 服务尚未就绪：{ $reason }
error-database-starved = 没有空闲的数据库连接：连接池已用尽
error-database-down = 数据库没有响应
error-internal = 服务器内部错误
error-login-throttled = 登录失败次数过多，请稍后再试
error-uploads-busy = 贵司同时进行的上传已达上限；请等其中一个完成后再发送
error-body-too-large = 请求体超过 { $limit } 字节
error-unsupported-media-type = 请以 { $media } 格式发送请求体
error-upload-idle = 上传连续 { $seconds } 秒没有发送任何数据，已放弃
error-upload-broken = 上传中途中断
error-idempotency-key = 须为 1 至 { $max } 个可见 ASCII 字符
error-idempotency-running = 使用此 Idempotency-Key 的请求仍在处理中；请在其完成后重试
error-idempotency-reused = 已用于另一个不同的请求；请使用新的键

## 请求体或查询参数无法读取。

error-json-syntax = 请求体不是有效的 JSON（第 { $line } 行第 { $column } 列）
error-json-trailing = 请求体在 JSON 值之后还有多余的数据
error-json-missing-field = 缺少字段“{ $field }”
error-json-duplicate-field = 字段“{ $field }”重复出现
error-json-unknown-field = 不接受字段“{ $field }”；可用的字段：{ $names }
error-json-no-fields = 不接受字段“{ $field }”：此处不接受任何字段
error-json-unknown-variant = “{ $found }”不是可选值；可选：{ $names }
error-json-invalid-type = 类型不对：应为{ $expected }，收到的是{ $found }
error-json-invalid-value = 取值不对：应为{ $expected }，收到的是{ $found }
error-json-invalid-length = 长度不对（{ $length }）：应为{ $expected }
error-json-integer = 须为整数
error-json-boolean = 须为 true 或 false
error-json-date = 日期或时间的写法不对，应如 2026-10-31 或 2026-10-31T09:00:00+08:00
error-json-other = 无法读取此值：{ $detail }
json-found-string = 字符串 { $value }
json-found-integer = 整数 { $value }
json-found-float = 小数 { $value }
json-found-boolean = 布尔值 { $value }
json-found-null = null
json-found-unit = 空值
json-found-sequence = 数组
json-found-map = 对象
json-expected-string = 字符串
json-expected-boolean = 布尔值（true 或 false）
json-expected-sequence = 数组
json-expected-unsigned = 非负整数
json-expected-integer = 整数
json-expected-object = 对象
json-expected-decimal = 十进制数字符串，如 "6000.00"
json-expected-decimal-or-null = 十进制数字符串或 null
json-expected-date = 日期字符串，如 2026-10-31
error-decimal-malformed = “{ $raw }”不是十进制数，应如 "6000.00"
error-decimal-places = 最多 { $max } 位小数
error-decimal-number = 十进制数请以字符串发送，如 "6000.00"，不要用 JSON 数字
error-tag-not-object = 应为对象
error-tag-not-string = 须为字符串
error-tag-missing = 缺少此字段；可选：{ $variants }
error-tag-unknown = “{ $found }”不是可选值；可选：{ $expected }

## 嵌在其他说明中的词语。

word-as-is = { $text }
list-more = { $head }、{ $tail }
date-range = { $from } 至 { $to }

## 各类字段通用的规则。

error-input-incomplete = 输入无法完整读取
error-empty = 不能为空
error-too-long = 最多 { $max } 个字符
error-too-short = 至少 { $min } 个字符
error-control-character = 不能包含控制字符
error-invisible = 须包含可见字符，不能只有空格或不可见字符
error-email-malformed = 须为形如 name@example.com 的邮箱地址
error-phone = 须为 5 至 20 位数字，可含 +、空格、连字符或括号
error-account-number = 须为 8 至 30 位数字（空格不计）
error-not-negative = 不能为负数
error-more-than-zero = 须大于 0
error-at-most = 须为 { $max } 以下
error-range = 须为 { $min } 至 { $max }（含两端）
error-between = 须为 { $min } 至 { $max }（含两端）
error-percent = 须为 0 至 100 的百分数（含 0 和 100）
error-minor-unit-places = 最多 { $places } 位小数（币种的最小单位）
error-too-many-places = 小数超过 { $max } 位
error-not-whole-number = “{ $raw }”不是整数
error-named-twice = 重复列出
error-not-before-from = 不能早于开始日期
error-not-before-start = 不能早于“start”
error-from-after-to = 不能晚于 to（{ $to }）
error-not-in-future = 不能是将来的时间
error-within-contract = 须在合同期限内（{ $start } 至 { $end }）
error-lies-outside-contract = 不在合同期限内（{ $start } 至 { $end }）
error-date-format = 须为 YYYY-MM-DD 格式的日期
error-date-example = 须为日期，如 2026-10-31
error-period-format = 须为 YYYY-MM 格式的月份，如 2026-10
error-unknown-name = “{ $found }”不是可选值；可选：{ $expected }
error-unknown-currency = “{ $code }”不是 ISO 4217 货币代码
error-unknown-time-zone = “{ $name }”不是 IANA 时区（如 Asia/Shanghai）
error-unknown-metric = “{ $code }”不是指标目录中的指标
error-language = 须为 zh-CN 或 en
error-document-format = 须为 pdf、html、csv、xlsx 之一
error-table-format = 须为 csv 或 xlsx
error-trend-months = 趋势最多跨 { $max } 个月

## 统一社会信用代码（GB 32100-2015）。

error-credit-code-length = 须为 18 位，实际为 { $length } 位
error-credit-code-character = 第 { $position } 位（“{ $found }”）不允许：请使用 0-9 和除 I、O、S、V、Z 以外的大写字母
error-credit-code-authority = 第 1 位（“{ $found }”）不是登记管理部门代码（1-9、A、N、Y）
error-credit-code-division = 第 3 至 8 位须为数字（行政区划码）
error-credit-code-check = 校验码为“{ $found }”，但按前 17 位计算应为“{ $expected }”

## 用户、API 密钥、店铺和服务商。

error-user-vendor-missing = 服务商用户须指明其所属的服务商
error-user-vendor-not-allowed = 只有服务商用户才绑定服务商
error-user-email-taken = 已有使用此邮箱的用户
error-keep-an-owner = 商家须保留一位在用的所有者；请先将另一位用户设为所有者
error-api-key-no-scopes = 请至少选择一个权限范围
error-api-key-vendor-offboarded = 该服务商已解除合作，不能再获得新的密钥
error-shop-external-id-taken = 此平台上已有使用该外部编号的店铺
error-shop-in-contract = 该店铺已列入合同，不能删除
error-shops-none = 请至少指定一个店铺
error-shop-named-twice = 重复列出
error-no-such-shop = 没有这个店铺
error-no-such-vendor = 没有这个服务商
error-vendor-not-active = 该服务商不在合作中
error-vendor-status-change = 服务商不能从“{ $from }”变为“{ $to }”
error-vendor-active-without-bank = 合作中的服务商须有银行账户信息才能收款
error-vendor-credit-code-taken = 已有使用此统一社会信用代码的服务商
error-vendor-in-use = 该服务商还有用户、API 密钥或合同；请解除合作，而不是删除
error-contacts-max = 联系人最多 { $max } 位
error-recipients-max = 最多 { $max } 个地址

## 合同、合同条款和补充协议。

error-contract-status-change = 合同不能从“{ $from }”变为“{ $to }”
error-contract-number-taken = 已有使用此编号的合同
error-contract-expired = 合同已到期
error-activate-not-draft = 只有草稿合同可以生效；此合同为“{ $status }”
error-dates-by-amendment = 已签署合同的日期须通过补充协议变更，不能直接编辑
error-terms-closed = 合同为“{ $status }”：条款不能再变更
error-terms-signed = 合同已签署：如需变更条款，请签订补充协议（POST /contracts/{ "{" }id{ "}" }/amendments）
error-terms-changed = 条款已被他人修改；请重新读取后再试
error-terms-version-taken = 另一项对这些条款的修改先完成了；请重试
error-amend-not-running = 只有已签署且正在履行的合同可以签订补充协议；此合同为“{ $status }”
error-amendment-open = 已有一份未完成的补充协议；请先使其生效或放弃
error-version-not-open = 第 { $number } 版为“{ $state }”，不是未完成的补充协议
error-amendment-before-period = 不能早于当前账期（{ $first }）；如需追溯，请注明这是更正
error-no-terms-in-period = 该账期内合同没有生效的条款
error-draft-contract-bills = 合同仍是草稿：签署后才结算
error-draft-contract-reports = 合同仍是草稿：签署后才开始月报
error-terms-name = 须为 1 至 200 个字符，且至少有一个可见字符
error-charges-none = 合同至少需要一项收费
error-seats-without-plan = 座席费需要移交计划来确定座席数
error-tiers-none = 至少需要一个阶梯
error-tiers-first = 第一个阶梯须从 0 开始
error-tiers-order = 每个阶梯的起点须高于前一个
error-nps-range = NPS 的取值为 -100 至 100
error-per-unit-metric = 按量收费须按业务量指标计（咨询量、工单数、通话分钟数）
error-floor-covers-none = 请指明保底所涵盖的收费项
error-no-such-charge = 没有编号为 { $id } 的收费项
error-floor-under-floor = 保底不能涵盖另一项保底
error-commission-flat-tiers = 固定比例的佣金没有阶梯
error-commission-metric-missing = 按 KPI 分阶梯时须指明指标
error-commission-metric-not-allowed = 只有按 KPI 分阶梯时才指明指标
error-commission-both = 请给出固定比例或阶梯，不能两者都给
error-commission-neither = 请给出固定比例，或给出 tier_by 及阶梯
error-no-such-phase = 没有编号为 { $phase } 的阶段
error-override-overlaps = 与另一个目标调整时段重叠
error-clause-consequence = 条款须有扣款、奖励或两者兼有
error-fee-base-missing = 按百分比计算须指定费用基数
error-fee-base-kinds = 请至少指定一种收费类型
error-fee-base-no-charge = 合同中没有 { $kind } 类收费项
error-bands-none = 至少需要一个档位
error-band-first-below = 第一档的阈值须等于或低于目标值
error-band-first-above = 第一档的阈值须等于或高于目标值
error-bands-decreasing = 各档阈值须严格递减
error-bands-increasing = 各档阈值须严格递增
error-band-amount-or-percent = 请给出金额或百分比，二者择一
error-band-pays-less = 离目标越远的档位，金额不能更少
error-cap-amount-or-percent = 请给出金额或 percent_of_fees，二者择一
error-duty-per-severity = 每个严重级别只能有一项义务
error-channels-none = 请至少指定一个渠道
error-lines-none = 请至少指定一项服务类型
error-hours-order = “from”须早于“to”
error-hours-format = 时间写作 HH:MM，从 00:00 至 24:00

## 移交计划。

error-phase-end = 须晚于“start”（阶段含开始日、不含结束日：end 为最后一天的次日）
error-phase-past-contract = 不能超过合同的最后一天
error-phase-overlaps = 与阶段“{ $phase }”重叠
error-phase-gap = 与阶段“{ $phase }”之间有空档；该阶段于 { $end } 结束（不含当日）
error-phase-status-change = 阶段不能从“{ $from }”变为“{ $to }”
error-phases-need-active = 只有合同生效期间才能推进阶段
error-phase-previous-open = 前一阶段“{ $phase }”尚未完成
error-phase-gate-fails = 阶段“{ $phase }”的退出条件在 { $period } 未达标：{ $metrics }；所有者可说明理由后强制推进

## KPI 数据与上传。

error-kpi-unknown-metric = 不是指标目录中的指标（见 GET /api/v1/metrics）
error-kpi-negative = 不能小于 0
error-kpi-not-one-per-day = 按天计数的指标须为 1
error-kpi-denominator-required = 此指标须填写
error-kpi-above-denominator = 不能超过分母：此指标是比例
error-kpi-without-denominator = 分母为 0 时须为 0
error-kpi-future = 是将来的日期：只能报送已经开始的日子
error-kpi-too-large = 须为 { $max } 以下（{ $why }）
kpi-bound-observations-per-day = 每天 1,000,000,000 个观测
kpi-bound-count-per-day = 每天 1,000,000,000
kpi-bound-share = 即分母：此指标是比例
kpi-bound-whole-day = 每个观测 86,400,000 毫秒，即一整天
kpi-bound-money-per-day = 每天 100,000,000,000,000 个最小货币单位
kpi-bound-score = 每个观测 100
error-kpi-source-vendor-only = 服务商只能报送自己的数据：来源须为“vendor”
error-kpi-source-not-vendor = 只有服务商才能以“vendor”为来源报送
error-kpi-contract-draft = 合同 { $number } 仍是草稿：签署后才接收数据
error-kpi-rows-none = 请至少发送一行
error-kpi-row-repeats = 与 rows[{ $first }] 的日期和指标重复
error-kpi-rows-busy = 另一个请求正在写入相同的行；请重新发送
error-csv-unreadable = 无法读取文件：{ $detail }
error-csv-empty = 是空文件：请发送表头行和数据行
error-csv-column-missing = 表头中缺少此列
error-csv-column-unknown = 不是系统接受的列
error-csv-columns = 有 { $count } 列；表头有 { $header } 列
error-csv-no-contract = 没有编号为“{ $number }”的合同
error-csv-no-rows = 表头下没有数据行
error-csv-row-repeats = 与第 { $first } 行的合同、日期和指标重复
error-csv-more = ……另有 { $more } 行有误

## 重大事件。

error-incident-escalated-before = 不能早于事件发生的时间
error-incident-already-escalated = 已有记录；以首次升级为准

## 月报。

error-report-step = 状态为“{ $from }”的月报不能{ $step }
error-report-exists = 该合同此账期已有月报
error-report-changed = 月报已被修改；请重新读取
error-month-not-over = 本月尚未结束：请在月末之后提交月报
error-report-no-figures = 月报没有数据：请上传每日数据或手工填写
error-figure-from-feed = 此数据来自每日数据；请更正每日数据，而不是手工填写
error-attrition-range = 须为 0 至 100（含两端）
error-dispute-no-comments = 请至少指出一项有异议的数据
error-dispute-not-a-figure = 不是月报中的数据
error-parts-whole-month = 条款按整月考核此指标：请只填月度合计
error-parts-wanted = 条款对此指标分时段设定了不同目标（{ $parts }）：请分别填写各时段的数据
error-segment-begins = 各时段须从 { $first } 到 { $last } 首尾相接；此时段应从 { $next } 开始
error-segment-ends-early = 各时段须从 { $first } 到 { $last } 首尾相接；最后一段在 { $last } 之前就结束了
error-segment-sums = 各时段合计为 { $numerator }/{ $denominator }，与月度合计 { $total_numerator }/{ $total_denominator } 不符

## 结算单、付款和红字冲销单。

error-invoice-recompute-not-draft = 只有草稿结算单可以重新计算；此结算单为“{ $status }”
error-invoice-issue-not-draft = 只有草稿结算单可以出具；此结算单为“{ $status }”
error-invoice-under-dispute = 数据存在异议：出具须说明理由并强制执行
error-invoice-void = 已作废的结算单不能更改
error-invoice-has-payments = 已有付款的结算单不能作废；请开具红字冲销单
error-invoice-settled = 已结清的结算单不能作废：其红字冲销单已冲抵全额
error-invoice-not-payable = 只有已出具或已发送的结算单可以登记付款；此结算单为“{ $status }”
error-invoice-overpaid = 超过未付金额（{ $outstanding }）
error-invoice-not-creditable = 只有已出具、已发送或已结清的结算单可以红冲；此结算单为“{ $status }”
error-invoice-inputs-changed = 草稿计算之后，数据、条款或事件已有变化：请重新计算并再次核对
error-invoice-changed = 结算单已被修改；请重新读取
error-invoice-exists = 该合同此账期已有结算单
error-invoice-no-longer-draft = 结算单已不是草稿（期间已被出具或作废）
error-adjustment-not-recomputed = 调整结算单只记差额，不重新计算：请将其作废，再重新调整原结算单
error-restate-not-issued = 只有已出具的结算单可以重新调整；草稿请重新计算
error-restate-nothing = 重新计算的金额与已结算的相同：无需调整
error-credit-not-lower = 不会减少应付金额（合计 { $total }）：红冲扣款等于退还扣款；如需调整，请改为重新调整原结算单
error-credit-exceeds-total = 红冲合计将为 { $credited }，超过结算单总额 { $total }
error-credit-no-lines = 请至少指定一行尚未红冲的明细
error-credit-line-number = 明细行号为 1 至 { $count }
error-credit-line-credited = 已红冲
error-close-internal = 结算单无法计算：内部错误，已记录供运维人员处理
error-mail-not-issued = 只有已出具的结算单可以发送邮件；此结算单为“{ $status }”
error-mail-retry-not-failed = 只有发送失败的邮件可以重发；此邮件为“{ $status }”
error-mail-status = 须为 pending、sent 或 failed
error-not-current-password = 与当前密码不符
error-answers-not-disputed = 只有被提出异议的月报才需要答复
error-answer-not-contested = 不是被提出异议的数据
error-date-wanted = 须为日期，例如 2026-10-31
error-line-numbers = 须为明细序号
