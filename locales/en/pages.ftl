# Words on the pages: sign-in, navigation, home and error pages.

site-name = kefu
site-tagline = Contracts, KPIs and performance-based settlements

nav-home = Home
nav-contracts = Contracts
nav-vendors = Vendors
nav-tenant = Company
nav-api-docs = API docs
sign-out = Sign out
signed-in-as = Signed in as { $name }
switch-language = Language
language-zh-CN = 中文
language-en = English

sign-in-title = Sign in
sign-in-intro = Sign in with your email and password.
field-email = Email
field-password = Password
sign-in-button = Sign in
sign-in-failed = The email or the password is wrong.
sign-in-throttled = Too many failed attempts; try again in { $minutes } minutes.
sign-in-offboarded = Your vendor has been offboarded; its accounts can no longer sign in.
session-ended = Your session has ended; please sign in again.
signed-out = You have signed out.

role-owner = Owner
role-manager = Manager
role-finance = Finance
role-vendor = Vendor
role-auditor = Auditor

home-title = Home
home-contracts = Contracts
home-no-contracts = No contracts yet.
contract-number = Contract number
contract-title = Title
contract-term = Term
contract-currency = Currency
contract-status = Status
term-range = { $start } to { $end }

status-draft = Draft
status-active = Active
status-suspended = Suspended
status-terminated = Terminated
status-expired = Expired

error-not-found-title = Page not found
error-not-found-body = The page you asked for does not exist, or you may not see it.
error-forbidden-title = Not allowed
error-forbidden-body = Your role cannot do this. Ask your company's administrator if you need it.
error-form-expired-title = Form no longer valid
error-form-expired-body = This form failed its security check (it may have expired or come from another site); nothing was changed. Go back and try again.
error-too-many-title = Too many requests
error-too-many-body = Please try again later.
error-server-title = Something went wrong
error-server-body = The server failed to handle your request; nothing was changed. Try again later; if it goes on, give your administrator the reference { $request }.
error-unavailable-title = Temporarily unavailable
error-unavailable-body = The service is unavailable for a moment; please try again.
back-home = Home
error-refused-title = Cannot be done
error-refused-body = This request breaks a rule; nothing was changed:
error-bad-form-title = The form could not be read
error-bad-form-body = What was sent is too large or not a form; nothing was changed. Go back and try again.

# The tabs of every page of a contract.
contract-tabs = Contract pages
contract-tab-overview = Overview
contract-tab-terms = Terms
contract-tab-signing = Signing & changes
contract-tab-handover = Handover
contract-tab-dashboard = Dashboard
contract-tab-reports = Monthly reports
contract-tab-incidents = Incidents
contract-tab-exclusions = Exclusions
contract-tab-would-have-billed = What it would have billed
contract-tab-versions = Versions
contract-tab-audit = Audit trail
