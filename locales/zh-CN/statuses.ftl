# 各类对象的状态，用在句子中（“此结算单为‘已出具’”）。

contract-status-draft = 草稿
contract-status-active = 生效中
contract-status-suspended = 已暂停
contract-status-terminated = 已终止
contract-status-expired = 已到期

terms-state-draft = 草稿
terms-state-pending = 拟订中
terms-state-in-force = 生效中
terms-state-discarded = 已放弃

phase-status-planned = 计划中
phase-status-in-progress = 进行中
phase-status-completed = 已完成
phase-status-rolled-back = 已收回

vendor-status-invited = 已邀请
vendor-status-active = 合作中
vendor-status-offboarded = 已解除合作

report-status-draft = 草稿
report-status-submitted = 已提交
report-status-accepted = 已确认
report-status-disputed = 有异议

# 对月报可做的操作：“状态为‘草稿’的月报不能确认”。
report-step-edit = 修改
report-step-submit = 提交
report-step-accept = 确认
report-step-dispute = 提出异议

invoice-status-draft = 草稿
invoice-status-issued = 已出具
invoice-status-sent = 已发送
invoice-status-paid = 已结清
invoice-status-void = 已作废

mail-status-pending = 待发送
mail-status-sent = 已发送
mail-status-failed = 发送失败
