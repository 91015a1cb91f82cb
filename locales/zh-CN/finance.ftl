# 财务页面：结算单、月结、发件箱、对账单。

nav-invoices = 结算单
nav-close = 月结
nav-outbox = 发件箱
nav-statements = 对账单

invoices-title = 结算单
invoice-title = 结算单
close-title = 月结
outbox-title = 发件箱
mail-title = 邮件
refused-title = 未能完成
statements-title = 对账单

## 状态

payment-state-unpaid = 未付款
payment-state-partly_paid = 部分付款
payment-state-paid = 已付清
payment-state-overpaid = 应退款
mail-badge-pending = 等待发送
mail-badge-sent = 已发送
mail-badge-failed = 发送失败
attempt-sent = 成功
attempt-retry = 稍后重试
attempt-failed = 失败
settlement-credit_note = 开具红字结算单（冲减差额）
settlement-adjustment_invoice = 开具补差结算单（补收差额）
settlement-none = 无需处理：重算结果与已开金额一致
vendor-badge-invited = 已邀请
vendor-badge-active = 合作中
vendor-badge-offboarded = 已解除合作
entry-invoice = 结算单
entry-credit_note = 红字结算单
entry-payment = 收款
aging-current = 未到期
aging-days-1-30 = 逾期 1–30 天
aging-days-31-60 = 逾期 31–60 天
aging-days-61-90 = 逾期 61–90 天
aging-over-90 = 逾期 90 天以上
aging-refund-due = 应退款
aging-total = 合计

## 提醒

warning-termination_right = 已连续多月违约，商家可依合同解除协议。
warning-discrepancy = 服务商与商家平台的数据差异超过合同允许的范围。
warning-report_not_accepted = 本月月报尚未被确认，按现有数据结算。
warning-under_dispute = 月报中的数据存在异议。
warning-penalties_exceed_amount_due = 扣款超过应付金额，超出部分未扣减。
warning-clause_not_priced = 有条款无法按约定计算，请核对合同。
warnings-count = { $count } 条提醒
no-warnings = 无

## 表单字段

field-period = 月份
field-status = 状态
field-format = 格式
field-language = 语言
field-amount = 金额
field-paid_on = 收款日期
field-reference = 银行流水号
field-reason = 原因
field-dispute_override = 有异议仍开具的原因
field-line_numbers = 冲红的明细（按结算单序号）
field-to = 收件人
field-cc = 抄送
field-from = 起始日期
field-as_of = 账龄计算日
document-language-zh-CN = 中文
document-language-en = 英文
filter-any = 全部
filter-button = 查询
filter-clear = 清除条件
next-page = 下一页
not-yet = 尚未
go-back = 返回

## 表单被拒绝的原因

refused-dispute = 月报数据存在异议：请填写有异议仍开具的原因后再开具。

## 操作完成

done-recomputed = 草稿已按最新数据重算。
done-issued = 结算单已开具。
done-voided = 结算单已作废。
done-paid = 收款已记录。
done-credited = 红字结算单已开具。
done-emailed = 邮件已进入发件箱，稍后发出。
done-restated = 差额已按红字结算单冲减。
done-adjustment = 补差结算单草稿已生成，请核对后开具。
done-retried = 邮件已重新排队发送。

## 结算单列表

invoice-number = 编号
invoice-contract = 合同
invoice-total = 价税合计
invoice-credited = 已冲红
invoice-paid = 已收款
invoice-balance = 未付余额
invoice-refund-due = 应退款
invoice-due-on = 到期日
invoice-warnings = 提醒
invoices-totals = 合计：{ $count } 张（{ $currency }）
invoices-totals-note = 合计只含本页所列、未作废的结算单。
invoices-none = 没有符合条件的结算单。
export-title = 导出本月结算单
export-intro = 每张结算单一行；Excel 文件另有一页列出全部明细。金额为精确数值。
export-button = 下载

## 结算单

invoice-adjustment = 补差结算单
invoice-seller = 服务商（销售方）
invoice-buyer = 商家（购买方）
invoice-statement-link = 查看对账单
invoice-issued-on = 开具日期
invoice-computed-at = 计算时间
invoice-subtotal = 不含税金额
invoice-tax = 税额（{ $rate }）
invoice-in-words = 大写
invoice-void-reason = 已作废，原因：{ $reason }
invoice-stale-draft = 草稿计算之后，数据、合同条款或事件有了变化。开具前请先重算并核对。
invoice-under-dispute = 月报数据存在异议。如需先行开具，须填写原因。
invoice-dispute-overridden = 月报数据存在异议，已先行开具，原因：{ $reason }
invoice-adjusts = 本单补收或冲减另一张结算单的差额：
invoice-adjusts-link = 查看原结算单
invoice-lines = 明细
invoice-payments = 收款
invoice-credit-notes = 红字结算单
invoice-mails = 邮件
invoice-notes = 计算备注
invoice-no-payments = 暂无收款。
invoice-no-credit-notes = 暂无红字结算单。
invoice-no-mails = 尚未发送邮件。
invoice-actions = 操作
line-position = 序号
line-kind = 类别
line-item = 项目
line-quantity = 数量
line-unit-price = 单价
line-amount = 金额
line-explanation = 计算说明
line-credited-badge = 已冲红
payment-recorded-at = 登记时间
credit-note-number = 编号
credit-note-lines = 冲红明细序号
credit-note-restatement = 重算差额

restatement-title = 数据已变化：重算差额
restatement-intro = 开具之后，本单所依据的数据、合同条款或事件有了变化。下表按明细列出按最新数据重算的结果与已开金额的差额。
restatement-billed = 已开金额
restatement-recomputed = 重算金额
restatement-difference = 差额
restatement-settlement = 处理方式
restatement-line-difference = 差额
restate-button = 按此处理差额

recompute-button = 按最新数据重算
recompute-hint = 草稿可以随时重算；开具之后不再变化。
issue-title = 开具结算单
issue-intro = 开具后分配编号，明细与依据的数据即冻结，之后的更正只能通过红字结算单或补差结算单。
issue-button = 开具
pay-title = 登记收款
pay-button = 登记
credit-title = 开具红字结算单
credit-intro = 勾选要冲红的明细，序号与打印的结算单一致。
credit-button = 开具红字结算单
email-title = 发送邮件
email-to-placeholder = 留空则发送到服务商的账单邮箱
email-hint = 邮件附有结算单的 PDF 和 CSV 文件，语言与所选一致。
email-button = 发送
void-title = 作废
void-intro = 只有没有收款的结算单可以作废；作废后编号不再使用。
void-button = 作废结算单

## 月结

close-intro = 为所选月份中每份尚无结算单的生效合同生成草稿。重复月结不会重复生成。
close-button = 开始月结
close-running = 正在月结，请稍候……
close-summary-title = { $period } 月结结果
close-contracts = 本月计费的合同
close-created = 本次生成的草稿
close-already = 此前已有结算单
close-failed = 未能生成
close-totals = 本次草稿合计（按币种）
close-drafted-total = 价税合计
close-failures = 未能生成草稿的合同
close-problem = 原因
close-failures-hint = 修正原因后再次月结，只会为这些合同补生成草稿。
close-drafts = 本月草稿及提醒
close-drafts-link = 在结算单列表中查看
close-no-drafts = 本月没有待开具的草稿。
check-and-issue = 核对并开具

## 发件箱

outbox-all = 全部
outbox-invoice = 结算单
outbox-empty = 没有邮件。
mail-created-at = 创建时间
mail-sent-at = 发送时间
mail-attempts = 尝试次数
mail-answer = 邮件服务器的答复
mail-details = 详情
mail-history = 发送记录
mail-no-attempts = 尚未尝试发送。
attempt-at = 时间
attempt-outcome = 结果
attempt-worker = 发送进程
retry-button = 重新发送
retry-hint = 邮件会重新排队，并重新计算尝试次数。

## 对账单

statements-intro = 选择服务商，查看其结算单、红字结算单和收款的往来明细及账龄。
statements-none = 还没有服务商。
vendor-credit-code = 统一社会信用代码
statement-open = 查看对账单
statement-to = 截止日期
statement-window = 往来截至 { $to }，账龄按 { $as_of } 计算。
statement-aging = 账龄
statement-empty = 该服务商还没有已开具的结算单。
entry-date = 日期
entry-kind = 类别
entry-document = 单据
entry-balance = 余额

month-name = { $year }年{ $month }月
close-internal-failure = 系统内部错误，无法计算此合同的结算单（例如数据超出可计算的范围）。错误已记录，请联系管理员。
date-placeholder = 例如 2026-10-31
field-rule = { $field }：{ $rule }
