# Finance pages: invoices, the monthly close, the outbox, statements of account.

nav-invoices = Invoices
nav-close = Monthly close
nav-outbox = Outbox
nav-statements = Statements

invoices-title = Invoices
invoice-title = Invoice
close-title = Monthly close
outbox-title = Outbox
mail-title = Mail
refused-title = Not done
statements-title = Statements of account

## States

payment-state-unpaid = Unpaid
payment-state-partly_paid = Partly paid
payment-state-paid = Paid
payment-state-overpaid = Refund due
mail-badge-pending = Waiting
mail-badge-sent = Sent
mail-badge-failed = Failed
attempt-sent = Sent
attempt-retry = To retry
attempt-failed = Failed
settlement-credit_note = A credit note for the difference
settlement-adjustment_invoice = An adjustment invoice for the difference
settlement-none = Nothing to settle: the recomputation comes to what was billed
vendor-badge-invited = Invited
vendor-badge-active = Active
vendor-badge-offboarded = Offboarded
entry-invoice = Invoice
entry-credit_note = Credit note
entry-payment = Payment
aging-current = Not yet due
aging-days-1-30 = 1–30 days overdue
aging-days-31-60 = 31–60 days overdue
aging-days-61-90 = 61–90 days overdue
aging-over-90 = Over 90 days overdue
aging-refund-due = Refund due
aging-total = Total

## Warnings

warning-termination_right = Breached several months in a row: the merchant may terminate.
warning-discrepancy = The vendor's and the platform's figures differ beyond the contract's tolerance.
warning-report_not_accepted = The month's report is not accepted yet; billed on the figures as they stand.
warning-under_dispute = The report's figures are disputed.
warning-penalties_exceed_amount_due = Penalties exceed the amount due; the rest is not deducted.
warning-clause_not_priced = A clause could not be priced as written; check the contract.
warnings-count = { $count } warning(s)
no-warnings = None

## Form fields

field-period = Month
field-status = Status
field-format = Format
field-language = Language
field-amount = Amount
field-paid_on = Paid on
field-reference = Bank reference
field-reason = Reason
field-dispute_override = Why it is issued despite the dispute
field-line_numbers = Lines to credit (by the invoice's line numbers)
field-to = To
field-cc = Cc
field-from = From
field-as_of = Aging as of
document-language-zh-CN = Chinese
document-language-en = English
filter-any = Any
filter-button = Show
filter-clear = Clear
next-page = Next page
not-yet = Not yet
go-back = Go back

## Why a form was refused (the Chinese pages say the field's rule)

refused-dispute = The report's figures are disputed: say why the invoice goes out anyway, then issue it.

## Done

done-recomputed = The draft was recomputed from the figures as they stand.
done-issued = The invoice was issued.
done-voided = The invoice was voided.
done-paid = The payment was recorded.
done-credited = The credit note was issued.
done-emailed = The mail is in the outbox and goes out shortly.
done-restated = The difference was credited.
done-adjustment = The adjustment invoice was drafted: check it, then issue it.
done-retried = The mail was queued again.

## The list of invoices

invoice-number = Number
invoice-contract = Contract
invoice-total = Total
invoice-credited = Credited
invoice-paid = Paid
invoice-balance = Balance
invoice-refund-due = Refund due
invoice-due-on = Due on
invoice-warnings = Warnings
invoices-totals = Total: { $count } invoice(s) ({ $currency })
invoices-totals-note = Totals of the invoices on this page, void ones left out.
invoices-none = No invoices match.
export-title = Export a month's invoices
export-intro = One row per invoice; the Excel file has a second sheet with every line. Amounts are exact.
export-button = Download

## One invoice

invoice-adjustment = Adjustment invoice
invoice-seller = Vendor (seller)
invoice-buyer = Merchant (buyer)
invoice-statement-link = Statement of account
invoice-issued-on = Issued on
invoice-computed-at = Computed at
invoice-subtotal = Subtotal
invoice-tax = Tax ({ $rate })
invoice-in-words = In words
invoice-void-reason = Void: { $reason }
invoice-stale-draft = The figures, terms or incidents changed since this draft was computed. Recompute it and check it before issuing.
invoice-under-dispute = The report's figures are disputed. Issuing now needs a reason.
invoice-dispute-overridden = The report's figures are disputed; issued anyway because: { $reason }
invoice-adjusts = This invoice settles the difference on another one:
invoice-adjusts-link = the invoice it adjusts
invoice-lines = Lines
invoice-payments = Payments
invoice-credit-notes = Credit notes
invoice-mails = Mails
invoice-notes = Notes of the computation
invoice-no-payments = No payments yet.
invoice-no-credit-notes = No credit notes.
invoice-no-mails = Not mailed yet.
invoice-actions = Steps
line-position = No.
line-kind = Kind
line-item = Item
line-quantity = Quantity
line-unit-price = Unit price
line-amount = Amount
line-explanation = How it is computed
line-credited-badge = Credited
payment-recorded-at = Recorded at
credit-note-number = Number
credit-note-lines = Lines credited
credit-note-restatement = Restated difference

restatement-title = The figures changed: the difference
restatement-intro = Since this invoice was issued, the figures, terms or incidents behind it changed. Below, line by line, what it comes to now against what was billed.
restatement-billed = Billed
restatement-recomputed = Recomputed
restatement-difference = Difference
restatement-settlement = Settled by
restatement-line-difference = Difference
restate-button = Settle the difference

recompute-button = Recompute from the figures as they stand
recompute-hint = A draft can be recomputed at any time; an issued invoice never changes.
issue-title = Issue
issue-intro = Issuing gives the invoice its number and freezes its lines and figures; later corrections are credit notes or adjustment invoices.
issue-button = Issue
pay-title = Record a payment
pay-button = Record
credit-title = Issue a credit note
credit-intro = Tick the lines to credit; their numbers are the ones the printed invoice shows.
credit-button = Issue the credit note
email-title = Email
email-to-placeholder = Empty: the vendor's billing address
email-hint = The invoice's PDF and CSV are attached, in the language chosen.
email-button = Send
void-title = Void
void-intro = Only an invoice without payments can be voided; its number stays used.
void-button = Void the invoice

## The monthly close

close-intro = Drafts the invoice of every signed contract billing in the month that has none yet. Closing again drafts nothing twice.
close-button = Close the month
close-running = Closing the month…
close-summary-title = The close of { $period }
close-contracts = Contracts billing in the month
close-created = Drafts made now
close-already = Invoiced before
close-failed = Failed
close-totals = Drafted totals per currency
close-drafted-total = Total
close-failures = Contracts not drafted
close-problem = Why
close-failures-hint = Once the cause is fixed, close the month again: only these contracts are drafted.
close-drafts = The month's drafts and their warnings
close-drafts-link = In the list of invoices
close-no-drafts = No drafts waiting in this month.
check-and-issue = Check and issue

## The outbox

outbox-all = All
outbox-invoice = Invoice
outbox-empty = No mails.
mail-created-at = Created
mail-sent-at = Sent at
mail-attempts = Attempts
mail-answer = The mail server's answer
mail-details = Details
mail-history = Attempts
mail-no-attempts = Not tried yet.
attempt-at = At
attempt-outcome = Outcome
attempt-worker = Worker
retry-button = Send again
retry-hint = The mail is queued again with a fresh count of attempts.

## Statements of account

statements-intro = Choose a vendor to see its invoices, credit notes and payments with the running balance and the aging.
statements-none = No vendors yet.
vendor-credit-code = Credit code
statement-open = Open the statement
statement-to = To
statement-window = Movements up to { $to }; aging as of { $as_of }.
statement-aging = Aging
statement-empty = Nothing was issued to this vendor yet.
entry-date = Date
entry-kind = Kind
entry-document = Document
entry-balance = Balance

month-name = { $year }-{ $padded }
close-internal-failure = An internal error: this contract's invoice could not be computed (figures beyond what can be summed, say). It is logged; ask your administrator.
date-placeholder = e.g. 2026-10-31
field-rule = { $field }: { $rule }
