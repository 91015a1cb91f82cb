# 服务商入驻：服务商列表、新增服务商、服务商详情（邀请客户经理、审核通过或退回、解除合作）、
# 服务商自己填写的资料，用户的角色与停用，商家的开票信息。

onboard-list-title = 服务商
onboard-new-title = 新增服务商
onboard-new-intro = 先登记服务商的公司名称、统一社会信用代码和结算邮箱；其余资料可由服务商的客户经理受邀后自行填写。
onboard-vendor-title = 服务商详情
onboard-particulars-title = 我的资料
onboard-nav-particulars = 我的资料
onboard-no-vendors = 还没有服务商。
onboard-awaiting-count = { $count } 家服务商的资料待审核
onboard-submitted-at = 提交审核时间
onboard-not-submitted = 尚未提交
onboard-badge-awaiting = 待审核
onboard-badge-invited = 待完善资料
onboard-badge-active = 合作中
onboard-badge-offboarded = 已解除合作

onboard-section-company = 公司信息
onboard-section-contacts = 联系人
onboard-section-bank = 银行账户
onboard-section-people = 服务商的用户
onboard-section-review = 资料审核
onboard-section-invite = 邀请服务商的客户经理
onboard-contacts-hint = 最多三位；空行不保存。
onboard-bank-hint = 审核通过前须填写，用于结算付款。
onboard-no-bank = 尚未填写银行账户
onboard-no-people = 尚未邀请任何用户。

onboard-field-legal-name = 公司名称（与营业执照一致）
onboard-field-billing-email = 结算邮箱
onboard-field-contact-name = 姓名
onboard-field-contact-title = 职务
onboard-field-contact-phone = 电话
onboard-field-contact-email = 邮箱
onboard-field-bank-name = 开户银行
onboard-field-account-name = 账户名称
onboard-field-account-number = 银行账号
onboard-field-address = 地址
onboard-field-comment = 退回意见（服务商会在资料页看到）

onboard-create-button = 保存并继续
onboard-save-button = 保存
onboard-approve-button = 审核通过
onboard-send-back-button = 退回修改
onboard-submit-button = 提交审核
onboard-cancel = 取消

onboard-review-intro = 服务商尚未提交资料。资料齐全（含银行账户）时也可直接审核通过。
onboard-review-waiting = 服务商已于 { $at } 提交资料，请审核：通过后即为合作中，或填写意见退回修改。
onboard-sent-back-with = 上次退回的意见：
onboard-invite-intro = 对方将收到一封邮件，通过链接设置密码后登录，填写本服务商的资料并提交审核。
onboard-merchant-comment = 商家退回了您的资料，意见如下：
onboard-awaiting-yours = 您已于 { $at } 提交资料，等待商家审核；审核期间资料不能修改。
onboard-approved-yours = 商家已审核通过，贵司已是合作中的服务商。如需修改资料，请联系商家。
onboard-particulars-intro = 请填写贵司的资料，保存后提交商家审核。统一社会信用代码会按国家标准校验。
onboard-submit-title = 提交审核
onboard-submit-intro = 提交前请先保存。提交后资料将锁定，直到商家审核通过或退回。

onboard-offboard-title = 解除合作
onboard-offboard-intro = 解除合作前会列出受影响的用户、API 密钥和合同，确认后才执行。
onboard-offboard-see = 查看影响并解除合作
onboard-offboard-warning = 解除合作后不可恢复。以下是将受影响的内容：
onboard-ends-users = 无法再登录的用户（{ $count } 位）
onboard-ends-keys = 将失效的 API 密钥（{ $count } 个）
onboard-ends-contracts = 仍在执行的合同（{ $count } 份）
onboard-ends-none = 无
onboard-contracts-stay = 解除合作不会终止这些合同，它们仍会按条款结算，但服务商将无法再提交数据和月报。请先在合同页终止合同。
onboard-offboard-button = 确认解除合作

onboard-done-created = 已新增服务商。下一步：邀请服务商的客户经理填写资料。
onboard-done-invited = 已向 { $email } 发送邀请邮件。
onboard-done-approved = 已审核通过，该服务商现为合作中。
onboard-done-sent-back = 已退回，服务商会看到您的意见。
onboard-done-offboarded = 已解除合作。
onboard-done-saved = 资料已保存。确认无误后请提交审核。
onboard-done-submitted = 已提交，等待商家审核。
onboard-done-user-role = 已修改用户的角色。
onboard-done-user-deactivated = 已停用该用户，其登录已全部退出。
onboard-done-tenant-saved = 企业资料已保存。

onboard-change-role = 修改角色
onboard-change-role-button = 修改
onboard-deactivate-title = 停用用户
onboard-deactivate-button = 停用
onboard-deactivate-warning = 停用后，该用户的所有登录会立即退出，且不能再登录。商家始终须保留至少一位在职的所有者。

onboard-tenant-title = 企业资料
onboard-tenant-intro = 结算单上作为购买方打印的公司信息。已开具的结算单保留开具时的信息。

onboard-error-not-invited = 该服务商{ $status }：只有在入驻审核期间才能修改和提交资料
onboard-error-awaiting-review = 资料已提交，正等待商家审核
onboard-error-not-submitted = 服务商尚未提交资料，无需退回
onboard-error-submit-without-bank = 提交审核前须填写银行账户
onboard-error-invite-offboarded = 该服务商已解除合作，不能再邀请用户
onboard-approve-needs-bank = 审核通过前须有银行账户：请在下方邀请服务商的客户经理，由其填写资料（含银行账户）并提交审核。
