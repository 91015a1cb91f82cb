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

invoice-badge-draft = Draft
invoice-badge-issued = Issued
invoice-badge-sent = Sent
invoice-badge-paid = Paid
invoice-badge-void = Void

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

## The explanation of each line: where it comes from and how it was
## computed, in words. Figures arrive formatted to the currency's or the
## metric's places.

line-separator = { "; " }
line-sentence-end = { ". " }
line-list-separator = { ", " }

line-money-cny = CNY { $amount }
line-money = { $currency } { $amount }
line-value-count = { $value }
line-value-percent = { $value }%
line-value-seconds = { $value } s
line-value-score = { $value }
line-gap-percent = { $value } { $plural ->
    [one] percentage point
   *[other] percentage points
}
line-days-billed = Days billed: { $from } to { $to }
line-days-measured = Measured from { $from } to { $to }
line-credited = Credits this line of the invoice
line-restated = On the invoice { $was }, recomputed { $now }: a difference of { $difference }

charge-kind-seat-monthly = seat fees
charge-kind-per-unit = per-unit fees
charge-kind-commission = commission
charge-kind-fixed = fixed fees
charge-kind-one-time = one-time fees
charge-kind-minimum-commitment = minimum top-ups

line-seat-count = { $seats } { $plural ->
    [one] seat
   *[other] seats
}
line-seats = { $count } × { $rate } per seat-month × { $days }/{ $month } days = { $amount }
line-units-all = { $metric }: { $units }, all billable
line-units-counted = { $metric }: { $units }, less { $included } included each month: { $billable } billable
line-units-within = { $metric } within the { $included } included each month: nothing billable
line-units-prorated = Monthly quantities prorated × { $days }/{ $month } days
line-billable = { $billable } billable
line-graduated = Graduated tiers: { $pieces } = { $amount }
line-volume = Tier { $tier } reached ({ $from } or more), every unit at { $price }: { $billable } × { $price } = { $amount }
line-volume-first = Tier 1, every unit at { $price }: { $billable } × { $price } = { $amount }
line-commission = CS-assisted sales { $sales } × { $percent }% = { $amount }
line-commission-sales-tier = Sales reach tier { $tier } ({ $from } or more): a rate of { $percent }%
line-commission-kpi-tier = { $metric } { $actual } reaches tier { $tier } ({ $from } or more): a rate of { $percent }%
line-commission-no-kpi = No figures for { $metric }: tier 1, a rate of { $percent }%
line-fixed = { $amount } a month
line-fixed-prorated = { $monthly } a month × { $days }/{ $month } days = { $amount }
line-one-time = Once, on { $date }
line-one-time-undated = Once
line-minimum = A monthly minimum of { $minimum }
line-minimum-prorated = A monthly minimum of { $monthly } × { $days }/{ $month } days = { $minimum }
line-minimum-top-up = The charges under it ({ $charges }) come to { $covered }; the top-up is { $minimum } − { $covered } = { $amount }
line-minimum-top-up-unnamed = The charges under it come to { $covered }; { $amount } makes up the minimum

line-clause = Clause { $number }: { $name }
line-standing = { $metric }: target { $direction ->
    [higher] at least
   *[lower] at most
} { $target }, actual { $actual }
line-no-figures = { $metric }: target { $direction ->
    [higher] at least
   *[lower] at most
} { $target }; no figures, which the clause counts as missing it
line-towards-below = below
line-towards-above = above
line-reach-below = below { $value }
line-reach-at-or-below = { $value } or below
line-reach-above = above { $value }
line-reach-at-or-above = { $value } or above
line-bands = Bands: { $bands }
line-band-penalty-amount = { $reach }, { $amount }
line-band-penalty-percent = { $reach }, { $percent }% of the base
line-band-bonus-amount = { $reach }, { $amount }
line-band-bonus-percent = { $reach }, { $percent }% of the base
line-base-kinds = The base is the sum of the period's { $kinds }
line-counting-whole = part of a step does not count
line-counting-started = a started step counts as a whole one
line-counting-pro-rata = part of a step counts pro rata
line-per-step-penalty = { $amount } for every { $step } { $towards } the target; { $counting }
line-per-step-penalty-max = { $amount } for every { $step } { $towards } the target; { $counting }; at most { $max }
line-per-step-bonus = { $amount } for every { $step } { $towards } the target; { $counting }
line-per-step-bonus-max = { $amount } for every { $step } { $towards } the target; { $counting }; at most { $max }
line-fixed-penalty = { $amount } when the target is missed
line-fixed-bonus = { $amount } when the target is met
line-conditions = Also required: { $conditions }
line-condition = { $metric } { $direction ->
    [higher] at least
   *[lower] at most
} { $threshold } (actual { $actual })
line-condition-unmeasured = { $metric } { $direction ->
    [higher] at least
   *[lower] at most
} { $threshold }
line-band-reached = Band { $band } reached ({ $reach }): { $amount }
line-band-reached-percent = Band { $band } reached ({ $reach }): base { $base } × { $percent }% = { $amount }
line-band-reached-plain = Band { $band } reached: { $amount }
line-worst-band = Taken at the worst band, { $band } ({ $reach }): { $amount }
line-worst-band-percent = Taken at the worst band, { $band } ({ $reach }): base { $base } × { $percent }% = { $amount }
line-base-prorated = The base is prorated to the days measured
line-step-count = { $steps } { $plural ->
    [one] step
   *[other] steps
}
line-steps = { $gap } { $towards } the target: { $count } × { $rate } = { $amount }
line-bonus-held = Held to the maximum of { $max }
line-missing-maximum = Taken at the clause's maximum: { $amount }

line-clause-maximum-detail = Clause { $number } ({ $name }) came to { $charged }, above its maximum of { $max }: { $charged } − { $max } = { $amount } given back
line-monthly-cap-percent = Monthly cap: { $percent }% of the month's charges, { $limit }
line-monthly-cap-amount = Monthly cap: { $limit }
line-annual-cap-left = Contract-year cap { $cap }: { $earlier } on earlier months, { $limit } left
line-annual-cap-used = Contract-year cap { $cap }: used up by earlier months
line-cap-cut = Penalties counted against it come to { $penalties }: { $penalties } − { $limit } = { $amount } given back
line-uncapped = Outside every cap: { $categories }
category-sla = SLA penalties
category-incident = incident penalties
category-data-breach = data breaches
category-gross-negligence = gross negligence
line-amount-due-detail = Penalties exceed the amount due of { $due } (charges and bonuses): the { $amount } beyond it is not deducted, so the total is not negative

severity-critical = critical
severity-high = high
severity-medium = medium
severity-low = low
line-escalation-late = Severity { $severity }: to be escalated within { $deadline } minutes, escalated after { $minutes }
line-escalation-missed = Severity { $severity }: to be escalated within { $deadline } minutes, not escalated by the time of billing
line-escalation-unknown = Not escalated in time
line-escalation-amount = Each late escalation costs { $amount }

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
