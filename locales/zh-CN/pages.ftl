# 页面上的文字：登录、导航、首页和错误页。

site-name = 客服外包结算平台
site-tagline = 合同、KPI 与绩效结算

nav-home = 首页
nav-contracts = 合同
nav-vendors = 服务商
nav-tenant = 企业资料
nav-api-docs = 接口文档
sign-out = 退出登录
signed-in-as = 当前用户：{ $name }
switch-language = 语言
language-zh-CN = 中文
language-en = English

sign-in-title = 登录
sign-in-intro = 使用您的邮箱和密码登录。
field-email = 邮箱
field-password = 密码
sign-in-button = 登录
sign-in-failed = 邮箱或密码不正确。
sign-in-throttled = 失败次数过多，请 { $minutes } 分钟后再试。
sign-in-offboarded = 您所属的服务商已解除合作，账户无法登录。
session-ended = 登录已过期，请重新登录。
signed-out = 您已退出登录。

role-owner = 所有者
role-manager = 经理
role-finance = 财务
role-vendor = 服务商
role-auditor = 审计

home-title = 首页
home-contracts = 合同
home-no-contracts = 暂无合同。
contract-number = 合同编号
contract-title = 合同名称
contract-term = 合同期限
contract-currency = 币种
contract-status = 状态
term-range = { $start } 至 { $end }

status-draft = 草稿
status-active = 生效中
status-suspended = 已暂停
status-terminated = 已终止
status-expired = 已到期

error-not-found-title = 页面不存在
error-not-found-body = 您要找的页面不存在，或您无权查看。
error-forbidden-title = 无权操作
error-forbidden-body = 您的角色不能执行此操作。如需权限，请联系贵司的管理员。
error-form-expired-title = 表单已失效
error-form-expired-body = 此表单未通过安全校验（可能已过期或来自其他网站），未做任何更改。请返回后重试。
error-too-many-title = 请求过于频繁
error-too-many-body = 请稍后再试。
error-server-title = 出错了
error-server-body = 服务器处理您的请求时出错，未做任何更改。请稍后重试；如果问题持续，请将编号 { $request } 告知管理员。
error-unavailable-title = 暂时无法服务
error-unavailable-body = 服务暂时不可用，请稍后重试。
back-home = 返回首页
error-refused-title = 无法完成
error-refused-body = 此请求不符合规则，未做任何更改：
error-bad-form-title = 表单无法读取
error-bad-form-body = 提交的内容过大或格式不正确，未做任何更改。请返回后重试。

# The tabs of every page of a contract.
contract-tabs = 合同页面
contract-tab-overview = 概览
contract-tab-terms = 条款
contract-tab-signing = 签署与变更
contract-tab-handover = 逐步移交
contract-tab-dashboard = 看板
contract-tab-reports = 月报
contract-tab-incidents = 重大事件
contract-tab-exclusions = 免责期
contract-tab-would-have-billed = 结算测算
contract-tab-versions = 版本对比
contract-tab-audit = 操作记录
