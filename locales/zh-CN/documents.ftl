# 结算单、红字冲销单、导出表格、对账单和邮件上的文字。

## 单据的固定文字

doc-invoice-title = 服务费结算单
doc-adjustment-title = 调整结算单
doc-credit-note-title = 红字冲销单（贷项通知单）
doc-draft = 草稿
doc-void = 已作废
doc-number = 编号
doc-period = 账期
doc-issued-on = 开票日期
doc-due-on = 付款截止日
doc-currency = 币种
doc-contract = 合同
doc-refers-to = 原结算单
doc-reason = 原因
doc-seller = 销售方（服务商）
doc-buyer = 购买方
doc-credit-code = 统一社会信用代码
doc-address = 地址
doc-bank = 开户行
doc-account-name = 户名
doc-account-number = 账号
doc-position = 序号
doc-item = 项目
doc-kind = 类别
doc-quantity = 数量
doc-unit-price = 单价
doc-amount = 金额
doc-detail = 说明
doc-subtotal = 小计
doc-tax = 税额
doc-total = 价税合计
doc-total-in-words = 大写金额
doc-warnings = 提示
doc-notes = 备注
doc-status = 状态
doc-vendor = 服务商
doc-lines = 明细
doc-invoices = 结算单
doc-paid = 已付
doc-credited = 已冲销
doc-balance = 未结余额

## 结算单的状态

invoice-badge-draft = 草稿
invoice-badge-issued = 已开具
invoice-badge-sent = 已发送
invoice-badge-paid = 已付清
invoice-badge-void = 已作废

## 明细行的类别和名称

line-kind-charge = 服务费
line-kind-penalty = 扣款
line-kind-bonus = 奖励
line-kind-cap = 封顶返还
line-kind-not-deducted = 未扣部分
line-clause-maximum = 单项扣款上限返还
line-monthly-cap = 月度扣款上限返还
line-annual-cap = 合同年度扣款上限返还
line-amount-due = 超出应付金额的扣款（不扣减）
line-late-escalation = 事件未按时上报
line-late-escalation-of = 事件 { $incident } 未按时上报

## 明细行的说明：每一行用文字说明其来源和计算。
## 数值均已按币种或指标的精度格式化后传入；档位的界限 $bound：
## below 低于、above 超过（不含本数），at-or-below 以下、at-or-above 以上（含本数）。

line-separator = { "；" }
line-sentence-end = { "。" }
line-list-separator = { "、" }

line-money-cny = { $amount } 元
line-money = { $amount } { $currency }
line-value-count = { $value }
line-value-percent = { $value }%
line-value-seconds = { $value } 秒
line-value-score = { $value } 分
line-gap-percent = { $value } 个百分点
line-days-billed = 计费期间：{ $from } 至 { $to }
line-days-measured = 考核期间：{ $from } 至 { $to }
line-credited = 冲销原结算单中的此行
line-restated = 原结算单此行 { $was }，重算后 { $now }，调整 { $difference }

charge-kind-seat-monthly = 座席费
charge-kind-per-unit = 计件服务费
charge-kind-commission = 销售提成
charge-kind-fixed = 固定费用
charge-kind-one-time = 一次性费用
charge-kind-minimum-commitment = 最低消费补足

line-seat-count = 座席 { $seats } 个
line-seats = { $count } × { $rate }/座席·月 × { $days }/{ $month } 天 = { $amount }
line-units-all = { $metric } { $units }，全部计费
line-units-counted = { $metric } { $units }，扣除每月包含的 { $included }，计费 { $billable }
line-units-within = { $metric }未超过每月包含的 { $included }，不计费
line-units-prorated = 每月包含量和档位起点按 { $days }/{ $month } 天折算
line-billable = 计费数量 { $billable }
line-graduated = 分段计价：{ $pieces } = { $amount }
line-volume = 达到第 { $tier } 档（{ $from } 以上），全部按单价 { $price } 计：{ $billable } × { $price } = { $amount }
line-volume-first = 第 1 档，单价 { $price }：{ $billable } × { $price } = { $amount }
line-commission = 客服销售额 { $sales } × { $percent }% = { $amount }
line-commission-sales-tier = 客服销售额达到第 { $tier } 档（{ $from } 以上），提成比例 { $percent }%
line-commission-kpi-tier = { $metric } { $actual }，达到第 { $tier } 档（{ $from } 以上），提成比例 { $percent }%
line-commission-no-kpi = 无{ $metric }数据，按第 1 档，提成比例 { $percent }%
line-fixed = 每月固定 { $amount }
line-fixed-prorated = 每月 { $monthly } × { $days }/{ $month } 天 = { $amount }
line-one-time = 一次性收取（{ $date }）
line-one-time-undated = 一次性收取
line-minimum = 每月最低 { $minimum }
line-minimum-prorated = 每月最低 { $monthly } × { $days }/{ $month } 天 = { $minimum }
line-minimum-top-up = 其下各项（{ $charges }）合计 { $covered }，补足差额：{ $minimum } − { $covered } = { $amount }
line-minimum-top-up-unnamed = 其下各项合计 { $covered }，补足至最低额：{ $amount }

line-clause = 条款 { $number }：{ $name }
line-standing = { $metric }：目标{ $direction ->
    [higher] 不低于
   *[lower] 不超过
} { $target }，实际 { $actual }
line-no-figures = { $metric }：目标{ $direction ->
    [higher] 不低于
   *[lower] 不超过
} { $target }，无数据，按条款视为未达标
line-towards-below = 低于
line-towards-above = 超过
line-reach-below = 低于 { $value }
line-reach-at-or-below = { $value } 以下
line-reach-above = 超过 { $value }
line-reach-at-or-above = { $value } 以上
line-bands = 档位：{ $bands }
line-band-penalty-amount = { $bound ->
    [below] 低于 { $value } 扣
    [at-or-below] { $value } 以下扣
    [above] 超过 { $value } 扣
   *[at-or-above] { $value } 以上扣
} { $amount }
line-band-penalty-percent = { $bound ->
    [below] 低于 { $value } 扣
    [at-or-below] { $value } 以下扣
    [above] 超过 { $value } 扣
   *[at-or-above] { $value } 以上扣
}基数的 { $percent }%
line-band-bonus-amount = { $bound ->
    [below] 低于 { $value } 奖励
    [at-or-below] { $value } 以下奖励
    [above] 超过 { $value } 奖励
   *[at-or-above] { $value } 以上奖励
} { $amount }
line-band-bonus-percent = { $bound ->
    [below] 低于 { $value } 奖励
    [at-or-below] { $value } 以下奖励
    [above] 超过 { $value } 奖励
   *[at-or-above] { $value } 以上奖励
}基数的 { $percent }%
line-base-kinds = 基数：当期{ $kinds }合计
line-counting-whole = 不足一级不计
line-counting-started = 不足一级按一级计
line-counting-pro-rata = 不足一级按比例计
line-per-step-penalty = 每{ $towards }目标 { $step }扣 { $amount }，{ $counting }
line-per-step-penalty-max = 每{ $towards }目标 { $step }扣 { $amount }，{ $counting }，最多扣 { $max }
line-per-step-bonus = 每{ $towards }目标 { $step }奖励 { $amount }，{ $counting }
line-per-step-bonus-max = 每{ $towards }目标 { $step }奖励 { $amount }，{ $counting }，最多奖励 { $max }
line-fixed-penalty = 未达目标扣 { $amount }
line-fixed-bonus = 达到目标奖励 { $amount }
line-conditions = 同时须满足：{ $conditions }
line-condition = { $metric }{ $direction ->
    [higher] 不低于
   *[lower] 不超过
} { $threshold }（实际 { $actual }）
line-condition-unmeasured = { $metric }{ $direction ->
    [higher] 不低于
   *[lower] 不超过
} { $threshold }
line-band-reached = 达到第 { $band } 档（{ $reach }）：{ $amount }
line-band-reached-percent = 达到第 { $band } 档（{ $reach }）：基数 { $base } × { $percent }% = { $amount }
line-band-reached-plain = 达到第 { $band } 档：{ $amount }
line-worst-band = 按最严重的第 { $band } 档（{ $reach }）计：{ $amount }
line-worst-band-percent = 按最严重的第 { $band } 档（{ $reach }）计：基数 { $base } × { $percent }% = { $amount }
line-base-prorated = 基数按考核期间的天数折算
line-step-count = { $steps } 级
line-steps = { $towards }目标 { $gap }，共 { $steps } 级：{ $steps } × { $rate } = { $amount }
line-bonus-held = 超过最高奖励额，按 { $max } 计
line-missing-maximum = 按条款最高扣款额计：{ $amount }

line-clause-maximum-detail = 条款 { $number }「{ $name }」扣款 { $charged }，超过该条款最高扣款额 { $max }，返还 { $charged } − { $max } = { $amount }
line-monthly-cap-percent = 月度扣款上限：当月服务费的 { $percent }%，即 { $limit }
line-monthly-cap-amount = 月度扣款上限：{ $limit }
line-annual-cap-left = 合同年度扣款上限 { $cap }，此前各月已计 { $earlier }，尚余 { $limit }
line-annual-cap-used = 合同年度扣款上限 { $cap } 已由此前各月用完
line-cap-cut = 计入上限的扣款合计 { $penalties }，超出部分返还：{ $penalties } − { $limit } = { $amount }
line-uncapped = 不受上限限制：{ $categories }
category-sla = SLA 扣款
category-incident = 事件扣款
category-data-breach = 数据泄露
category-gross-negligence = 重大过失
line-amount-due-detail = 扣款超过应付金额 { $due }（服务费与奖励之和），超出的 { $amount } 不予扣减，结算金额不为负

severity-critical = 严重
severity-high = 高
severity-medium = 中
severity-low = 低
line-escalation-late = 严重程度：{ $severity }；须在 { $deadline } 分钟内上报，实际 { $minutes } 分钟后上报
line-escalation-missed = 严重程度：{ $severity }；须在 { $deadline } 分钟内上报，结算时仍未上报
line-escalation-unknown = 未在规定时间内上报
line-escalation-amount = 每次迟报扣 { $amount }

## 对账单

statement-title = 对账单
statement-aging-title = 账龄
statement-currency = 币种
statement-date = 日期
statement-kind = 类型
statement-document = 单据编号
statement-invoice = 结算单
statement-due-on = 付款截止日
statement-amount = 金额
statement-balance = 余额
statement-opening = 期初余额
statement-closing = 期末余额
statement-credit-note = 红字冲销单
statement-payment = 付款
statement-as-of = 截至
statement-current = 账龄：未到期
statement-days-1-30 = 账龄：逾期1–30天
statement-days-31-60 = 账龄：逾期31–60天
statement-days-61-90 = 账龄：逾期61–90天
statement-over-90 = 账龄：逾期90天以上
statement-refund-due = 应退款（付款后冲销）
statement-open-total = 未结余额合计

## 邮件

mail-subject = 【{ $title }】{ $number } { $seller } { $period } 账期
mail-greeting = 您好：
mail-attached = 附件为 { $seller } 向 { $buyer } 开具的 { $period } 账期{ $title }，编号 { $number }，合同 { $contract }。
mail-total = 价税合计：{ $currency } { $total }
mail-total-in-words = （大写：{ $words }）
mail-due-on = 付款截止日：{ $date }
mail-attachments = 附件：
mail-attachment-pdf = （结算单）
mail-attachment-csv = （明细，可用 Excel 打开）
mail-lines-explained = 每一行扣款与奖励的计算依据均列于结算单明细中。如有疑问，请直接回复本邮件。
mail-signature = 此邮件由 kefu 发出。
