# 账户：邀请、找回密码、修改密码，以及相关邮件。

nav-users = 用户
nav-password = 修改密码
back-to-sign-in = 返回登录

forgot-link = 忘记密码？
forgot-title = 找回密码
forgot-intro = 请输入您的登录邮箱。我们会发送一个设置新密码的链接，30 分钟内有效。
forgot-button = 发送链接
forgot-sent = 如果该邮箱属于本平台的账户，设置新密码的链接已发送至该邮箱，30 分钟内有效。请查收邮件。

choose-password-title = 设置密码
choose-password-invitation = { $name }，欢迎加入。请为账户 { $email } 设置密码（至少 10 个字符）。
choose-password-reset = { $name }，请为账户 { $email } 设置新密码（至少 10 个字符）。
choose-password-again = 请重新输入新密码。
choose-password-button = 设置密码
field-new-password = 新密码
field-new-password-again = 再次输入新密码
passwords-differ = 两次输入的密码不一致。
password-set = 密码已设置，请使用新密码登录。

link-closed-title = 链接已失效
link-closed-body = 此链接已使用、已过期或不存在。找回密码的链接 30 分钟内有效，邀请链接 72 小时内有效，且都只能使用一次。

change-password-title = 修改密码
field-current-password = 当前密码
change-password-button = 修改密码
password-changed = 密码已修改。您在其他设备上的登录已全部退出。

users-title = 用户
field-display-name = 姓名
field-role = 角色
field-vendor = 服务商
field-vendor-for-vendor-role = 所属服务商（仅服务商角色需要）
field-mail-language = 邀请邮件语言
user-active = 正常
user-deactivated = 已停用
invite-title = 邀请用户
invite-intro = 被邀请人会收到一封邮件，72 小时内通过邮件中的链接设置密码后即可登录。
invite-button = 发送邀请
invited = 已向 { $email } 发送邀请邮件。
choose-a-role = 请选择角色。

mail-invitation-subject = { $tenant } 邀请您使用客服外包结算平台
mail-invitation-body =
    { $name }，您好：

    { $tenant } 邀请您使用客服外包结算平台。请在 72 小时内打开下面的链接设置密码：

    { $link }

    此链接只能使用一次。如果您并未预期收到此邮件，请忽略。
mail-reset-subject = 设置新密码
mail-reset-body =
    { $name }，您好：

    我们收到了为您在 { $tenant } 的账户设置新密码的请求。请在 30 分钟内打开下面的链接设置新密码：

    { $link }

    此链接只能使用一次。如果这不是您本人的请求，请忽略此邮件，您的密码不会改变。
