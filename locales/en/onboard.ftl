# Onboarding vendors: the list, a new vendor, one vendor (invite its account manager, approve or
# send back, offboard), the vendor's own particulars, users' roles and deactivation, the tenant's
# particulars as buyer.

onboard-list-title = Vendors
onboard-new-title = New vendor
onboard-new-intro = Record the vendor's company name, unified social credit code and billing email; its account manager, once invited, can fill in the rest.
onboard-vendor-title = Vendor
onboard-particulars-title = Our particulars
onboard-nav-particulars = Our particulars
onboard-no-vendors = No vendors yet.
onboard-awaiting-count = { $count } vendor(s) waiting for review
onboard-submitted-at = Submitted for review
onboard-not-submitted = Not submitted yet
onboard-badge-awaiting = Waiting for review
onboard-badge-invited = Filling in
onboard-badge-active = Active
onboard-badge-offboarded = Offboarded

onboard-section-company = Company
onboard-section-contacts = Contacts
onboard-section-bank = Bank account
onboard-section-people = The vendor's users
onboard-section-review = Review
onboard-section-invite = Invite the vendor's account manager
onboard-contacts-hint = Up to three; blank rows are not kept.
onboard-bank-hint = Needed before approval: where the vendor is paid.
onboard-no-bank = No bank account yet
onboard-no-people = No one invited yet.

onboard-field-legal-name = Company name (as registered)
onboard-field-billing-email = Billing email
onboard-field-contact-name = Name
onboard-field-contact-title = Title
onboard-field-contact-phone = Phone
onboard-field-contact-email = Email
onboard-field-bank-name = Bank and branch
onboard-field-account-name = Account name
onboard-field-account-number = Account number
onboard-field-address = Address
onboard-field-comment = What to correct (the vendor sees it on its form)

onboard-create-button = Save and continue
onboard-save-button = Save
onboard-approve-button = Approve
onboard-send-back-button = Send back
onboard-submit-button = Submit for review
onboard-cancel = Cancel

onboard-review-intro = The vendor has not submitted its particulars. With them complete (bank account included) you may approve it directly.
onboard-review-waiting = The vendor submitted its particulars on { $at }: approve them to make it active, or send them back with what to correct.
onboard-sent-back-with = Last sent back with:
onboard-invite-intro = They get an email with a link to choose a password, then sign in, fill in this vendor's particulars and submit them for review.
onboard-merchant-comment = The merchant sent your particulars back:
onboard-awaiting-yours = You submitted your particulars on { $at }; they wait for the merchant's review and cannot be changed meanwhile.
onboard-approved-yours = The merchant approved you: you are an active vendor. To change your particulars, ask the merchant.
onboard-particulars-intro = Fill in your company's particulars, save them, then submit them for the merchant's review. The credit code is checked against the national standard.
onboard-submit-title = Submit for review
onboard-submit-intro = Save first. Once submitted, the particulars are locked until the merchant approves or sends them back.

onboard-offboard-title = Offboard
onboard-offboard-intro = Before offboarding, see the users, API keys and contracts it affects; nothing happens until you confirm.
onboard-offboard-see = See what it ends, and offboard
onboard-offboard-warning = Offboarding cannot be undone. It affects:
onboard-ends-users = Users who can no longer sign in ({ $count })
onboard-ends-keys = API keys that stop working ({ $count })
onboard-ends-contracts = Contracts still running ({ $count })
onboard-ends-none = None
onboard-contracts-stay = Offboarding does not end these contracts: they still bill under their terms, but the vendor can no longer send figures or reports. Terminate them on their own pages first.
onboard-offboard-button = Offboard the vendor

onboard-done-created = Vendor added. Next: invite its account manager to fill in the particulars.
onboard-done-invited = An invitation went to { $email }.
onboard-done-approved = Approved: the vendor is active.
onboard-done-sent-back = Sent back: the vendor sees your comment.
onboard-done-offboarded = Offboarded.
onboard-done-saved = Saved. Submit them for review when they are right.
onboard-done-submitted = Submitted: waiting for the merchant's review.
onboard-done-user-role = The user's role was changed.
onboard-done-user-deactivated = The user was deactivated and signed out everywhere.
onboard-done-tenant-saved = The particulars were saved.

onboard-change-role = Change role
onboard-change-role-button = Change
onboard-deactivate-title = Deactivate a user
onboard-deactivate-button = Deactivate
onboard-deactivate-warning = Deactivating signs the user out everywhere at once and they can no longer sign in. The tenant always keeps an active owner.

onboard-tenant-title = Company particulars
onboard-tenant-intro = What the settlements print as the buyer. Settlements already issued keep what they printed.

onboard-error-not-invited = the vendor is { $status }: its particulars are reviewed only while it is invited
onboard-error-awaiting-review = the particulars were submitted and wait for the merchant's review
onboard-error-not-submitted = the particulars have not been submitted for review
onboard-error-submit-without-bank = bank details are needed before the particulars can be submitted
onboard-error-invite-offboarded = the vendor is offboarded; it gets no new users
onboard-approve-needs-bank = Approval needs bank details: invite the vendor's account manager below to fill in the particulars, bank included, and submit them.
