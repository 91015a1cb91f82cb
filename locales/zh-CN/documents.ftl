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

invoice-status-draft = 草稿
invoice-status-issued = 已开具
invoice-status-sent = 已发送
invoice-status-paid = 已付清
invoice-status-void = 已作废

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
line-late-escalation = 严重事件未按时上报
line-late-escalation-of = 严重事件未按时上报（事件 { $incident }）
line-word-target = 目标
line-word-actual = 实际
line-word-band = 档位
line-word-steps = 级数

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
