# Accounts: invitations, forgotten passwords, changing a password, and their mails.

nav-users = Users
nav-password = Change password
back-to-sign-in = Back to sign-in

forgot-link = Forgot your password?
forgot-title = Forgot your password
forgot-intro = Enter the email you sign in with. We will send a link to choose a new password, good for 30 minutes.
forgot-button = Send the link
forgot-sent = If this address belongs to an account here, a link to choose a new password is on its way to it, good for 30 minutes. Please check your mail.

choose-password-title = Choose a password
choose-password-invitation = Welcome, { $name }. Choose a password for { $email } (at least 10 characters).
choose-password-reset = { $name }, choose a new password for { $email } (at least 10 characters).
choose-password-again = Please enter the new password again.
choose-password-button = Set the password
field-new-password = New password
field-new-password-again = New password again
passwords-differ = The two passwords differ.
password-set = Your password is set; sign in with it.

link-closed-title = This link no longer opens
link-closed-body = The link was used already, has expired or does not exist. A password reset link is good for 30 minutes and an invitation for 72 hours, each once.

change-password-title = Change password
field-current-password = Current password
change-password-button = Change password
password-changed = Your password is changed. You are signed out everywhere else.

users-title = Users
field-display-name = Name
field-role = Role
field-vendor = Vendor
field-vendor-for-vendor-role = Vendor (for the vendor role only)
field-mail-language = Language of the invitation
user-active = Active
user-deactivated = Deactivated
invite-title = Invite a user
invite-intro = The person gets a mail with a link; once they choose a password through it (within 72 hours) they can sign in.
invite-button = Send the invitation
invited = An invitation went to { $email }.
choose-a-role = Choose a role.

mail-invitation-subject = { $tenant } invites you to kefu
mail-invitation-body =
    Hello { $name },

    { $tenant } invites you to kefu, where contracts and settlements with customer-service vendors are kept. Open the link below within 72 hours to choose your password:

    { $link }

    The link works once. If you did not expect this mail, ignore it.
mail-reset-subject = Choose a new password
mail-reset-body =
    Hello { $name },

    Someone asked to choose a new password for your account at { $tenant }. Open the link below within 30 minutes to do so:

    { $link }

    The link works once. If you did not ask for this, ignore this mail; your password stays as it is.
