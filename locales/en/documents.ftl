# Words on invoices, credit notes, exports, statements of account and mails.

## Fixed words of a document

doc-invoice-title = Service invoice
doc-adjustment-title = Adjustment invoice
doc-credit-note-title = Credit note
doc-draft = DRAFT
doc-void = VOID
doc-number = Number
doc-period = Period
doc-issued-on = Issued on
doc-due-on = Due on
doc-currency = Currency
doc-contract = Contract
doc-refers-to = Invoice
doc-reason = Reason
doc-seller = Seller (vendor)
doc-buyer = Buyer
doc-credit-code = Unified social credit code
doc-address = Address
doc-bank = Bank
doc-account-name = Account name
doc-account-number = Account number
doc-position = #
doc-item = Item
doc-kind = Kind
doc-quantity = Quantity
doc-unit-price = Unit price
doc-amount = Amount
doc-detail = Detail
doc-subtotal = Subtotal
doc-tax = Tax
doc-total = Total
doc-total-in-words = Amount in words
doc-warnings = Warnings
doc-notes = Notes
doc-status = Status
doc-vendor = Vendor
doc-lines = Lines
doc-invoices = Invoices
doc-paid = Paid
doc-credited = Credited
doc-balance = Balance

## An invoice's status

invoice-status-draft = Draft
invoice-status-issued = Issued
invoice-status-sent = Sent
invoice-status-paid = Paid
invoice-status-void = Void

## Kinds and names of lines

line-kind-charge = Charge
line-kind-penalty = Penalty
line-kind-bonus = Bonus
line-kind-cap = Cap applied
line-kind-not-deducted = Not deducted
line-clause-maximum = Clause maximum applied
line-monthly-cap = Monthly cap applied
line-annual-cap = Contract-year cap applied
line-amount-due = Penalties beyond the amount due, not deducted
line-late-escalation = Late escalation of incident
line-late-escalation-of = Late escalation of incident { $incident }
line-word-target = target
line-word-actual = actual
line-word-band = band
line-word-steps = steps

## Statement of account

statement-title = Statement of account
statement-aging-title = Aging
statement-currency = Currency
statement-date = Date
statement-kind = Kind
statement-document = Document
statement-invoice = Invoice
statement-due-on = Due on
statement-amount = Amount
statement-balance = Balance
statement-opening = Opening balance
statement-closing = Closing balance
statement-credit-note = Credit note
statement-payment = Payment
statement-as-of = As of
statement-current = Aging: not yet due
statement-days-1-30 = Aging: 1–30 days past due
statement-days-31-60 = Aging: 31–60 days past due
statement-days-61-90 = Aging: 61–90 days past due
statement-over-90 = Aging: over 90 days past due
statement-refund-due = Refund due (credited after payment)
statement-open-total = Total open

## Mail

mail-subject = { $title } { $number } from { $seller } for { $period }
mail-greeting = Hello,
mail-attached = Attached is the { $title } { $number } from { $seller } to { $buyer } for { $period }, contract { $contract }.
mail-total = Total: { $currency } { $total }
mail-total-in-words = { " " }(in words: { $words })
mail-due-on = Due on: { $date }
mail-attachments = Attached:
mail-attachment-pdf = { " " }(the invoice)
mail-attachment-csv = { " " }(its lines, opens in Excel)
mail-lines-explained = Every penalty and bonus line shows how it was calculated. If anything is unclear, reply to this mail.
mail-signature = Sent by kefu.
