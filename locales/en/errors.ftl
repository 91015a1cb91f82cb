# What kefu answers when it refuses: the problem of an API error (its title
# and detail) and the rule each refused field breaks. Shown by the API and,
# beside a form's fields, by the pages. The English reads as the API always
# has; the values come written already (numbers, dates, codes).

## A problem's title: the status's reason phrase.

error-title-400 = Bad Request
error-title-401 = Unauthorized
error-title-403 = Forbidden
error-title-404 = Not Found
error-title-409 = Conflict
error-title-413 = Payload Too Large
error-title-415 = Unsupported Media Type
error-title-422 = Unprocessable Entity
error-title-429 = Too Many Requests
error-title-500 = Internal Server Error
error-title-503 = Service Unavailable

## A problem's detail.

error-unauthenticated = a valid bearer token or API key is required
error-bad-credentials = the email or password is wrong
error-forbidden = your role may not do this
error-out-of-key-scope = this API key's scopes do not allow this; no API key manages keys or users
error-vendor-offboarded = your vendor was offboarded by the merchant: its users can no longer sign in
error-not-found = not found
error-invalid-input = the input breaks { $count } rule(s)
error-unavailable = the service is not ready: { $reason }
error-database-starved = no database connection comes free: the pool is exhausted
error-database-down = the database does not answer
error-internal = internal error
error-login-throttled = too many failed logins; try again later
error-uploads-busy = your organisation already has the most uploads running at once; send this one when one of them has finished
error-body-too-large = the request body is larger than { $limit } bytes
error-unsupported-media-type = send the body as { $media }
error-upload-idle = the upload sent nothing for { $seconds } s and was given up
error-upload-broken = the upload broke off
error-idempotency-key = must be 1 to { $max } visible ASCII characters
error-idempotency-running = a request with this Idempotency-Key is still running; retry once it has finished
error-idempotency-reused = was already used for a different request; use a new key

## A body or query that does not read (serde's own words in English).

error-json-syntax = the body is not valid JSON: { $detail }
error-json-trailing = the body has data after its JSON value
error-json-missing-field = missing field `{ $field }`
error-json-duplicate-field = duplicate field `{ $field }`
error-json-unknown-field = unknown field `{ $field }`, { $expected }
error-json-no-fields = unknown field `{ $field }`, there are no fields
error-json-unknown-variant = unknown variant `{ $found }`, { $expected }
error-json-invalid-type = invalid type: { $found }, expected { $expected }
error-json-invalid-value = invalid value: { $found }, expected { $expected }
error-json-invalid-length = invalid length { $length }, expected { $expected }
error-json-integer = { $detail }
error-json-boolean = { $detail }
error-json-date = { $detail }
error-json-other = { $detail }
json-found-string = string { $value }
json-found-integer = integer `{ $value }`
json-found-float = floating point `{ $value }`
json-found-boolean = boolean `{ $value }`
json-found-null = null
json-found-unit = unit value
json-found-sequence = sequence
json-found-map = map
json-expected-string = a string
json-expected-boolean = a boolean
json-expected-sequence = a sequence
json-expected-unsigned = { $name }
json-expected-integer = { $name }
json-expected-object = { $name }
json-expected-decimal = a decimal string such as "6000.00"
json-expected-decimal-or-null = a decimal string or null
json-expected-date = a formatted date string
error-decimal-malformed = '{ $raw }' is not a decimal number such as "6000.00"
error-decimal-places = at most { $max } decimal places
error-decimal-number = send decimals as strings, such as "6000.00", not as JSON numbers
error-tag-not-object = expected an object
error-tag-not-string = must be a string
error-tag-missing = missing; one of { $variants }
error-tag-unknown = unknown variant `{ $found }`, expected one of { $expected }

## Words inside other messages.

word-as-is = { $text }
list-more = { $head }, { $tail }
date-range = { $from } to { $to }

## Rules of any field.

error-input-incomplete = the input could not be read whole
error-empty = must not be empty
error-too-long = must be at most { $max } characters
error-too-short = must be at least { $min } characters
error-control-character = must not contain control characters
error-invisible = must contain a visible character, not only spaces or invisible ones
error-email-malformed = must look like name@example.com
error-phone = must be 5 to 20 digits, optionally with +, spaces, dashes or brackets
error-account-number = must be 8 to 30 digits (spaces are ignored)
error-not-negative = must not be negative
error-more-than-zero = must be more than 0
error-at-most = must be at most { $max }
error-range = must be { $min } to { $max }
error-between = must be between { $min } and { $max }
error-percent = must be a percentage from 0 to 100
error-minor-unit-places = must have at most { $places } decimal places (the currency's minor unit)
error-too-many-places = has more than { $max } decimal places
error-not-whole-number = '{ $raw }' is not a whole number
error-named-twice = is named twice
error-not-before-from = must not be before 'from'
error-not-before-start = must not be before 'start'
error-from-after-to = must not be after to ({ $to })
error-not-in-future = must not be in the future
error-within-contract = must lie within the contract ({ $start } to { $end })
error-lies-outside-contract = lies outside the contract ({ $start } to { $end })
error-date-format = must be a date written YYYY-MM-DD
error-date-example = must be a date such as 2026-10-31
error-period-format = must be a month written YYYY-MM, e.g. 2026-10
error-unknown-name = '{ $found }' is not one of: { $expected }
error-unknown-currency = '{ $code }' is not an ISO 4217 currency code
error-unknown-time-zone = '{ $name }' is not an IANA time zone such as Asia/Shanghai
error-unknown-metric = '{ $code }' is not a metric of the catalogue
error-language = must be zh-CN or en
error-document-format = must be one of pdf, html, csv, xlsx
error-table-format = must be csv or xlsx
error-trend-months = a trend spans at most { $max } months

## Credit codes (GB 32100-2015).

error-credit-code-length = must be 18 characters, got { $length }
error-credit-code-character = character { $position } ('{ $found }') is not allowed: use 0-9 and capital letters except I, O, S, V, Z
error-credit-code-authority = first character ('{ $found }') is not a registration authority code (1-9, A, N, Y)
error-credit-code-division = characters 3 to 8 must be digits (the administrative division code)
error-credit-code-check = check character is '{ $found }' but the first 17 characters give '{ $expected }'

## Users, API keys, shops and vendors.

error-user-vendor-missing = a vendor user must name the vendor it works for
error-user-vendor-not-allowed = only vendor users are bound to a vendor
error-user-email-taken = a user with this email already exists
error-keep-an-owner = the tenant must keep an active owner; make another user owner first
error-api-key-no-scopes = choose at least one scope
error-api-key-vendor-offboarded = the vendor is offboarded; it cannot get new keys
error-shop-external-id-taken = the tenant already has a shop with this external id on this platform
error-shop-in-contract = the shop is named in a contract; it cannot be deleted
error-shops-none = name at least one shop
error-shop-named-twice = named twice
error-no-such-shop = no such shop
error-no-such-vendor = no such vendor
error-vendor-not-active = the vendor is not active
error-vendor-status-change = a vendor cannot go from { $from } to { $to }
error-vendor-active-without-bank = an active vendor needs bank details to be paid
error-vendor-credit-code-taken = the tenant already has a vendor with this credit code
error-vendor-in-use = the vendor has users, API keys or contracts; offboard it instead of deleting it
error-contacts-max = at most { $max } contacts
error-recipients-max = at most { $max } addresses

## Contracts, their terms and amendments.

error-contract-status-change = a contract cannot go from { $from } to { $to }
error-contract-number-taken = the tenant already has a contract with this number
error-contract-expired = the contract has expired
error-activate-not-draft = only a draft can be activated; this contract is { $status }
error-dates-by-amendment = the dates of a signed contract change by amendment, not by edit
error-terms-closed = the contract is { $status }: its terms no longer change
error-terms-signed = the contract is signed: open an amendment (POST /contracts/{ "{" }id{ "}" }/amendments) to change its terms
error-terms-changed = the terms were changed by someone else meanwhile; read them again and retry
error-terms-version-taken = another change to these terms came first; try again
error-amend-not-running = only a signed, running contract is amended; this one is { $status }
error-amendment-open = an amendment is already open; apply or discard it first
error-version-not-open = version { $number } is { $state }, not an open amendment
error-amendment-before-period = must not be before the current period ({ $first }); say it is a correction to reach back
error-no-terms-in-period = the contract has no terms in force in the period
error-draft-contract-bills = the contract is a draft: it bills once it is signed
error-draft-contract-reports = the contract is a draft: reports start once it is signed
error-terms-name = must be 1 to 200 characters, at least one of them visible
error-charges-none = a contract needs at least one charge
error-seats-without-plan = seat charges need a handover plan to take seats from
error-tiers-none = needs at least one tier
error-tiers-first = the first tier starts at 0
error-tiers-order = each tier starts above the one before
error-nps-range = NPS lies from -100 to 100
error-per-unit-metric = a per-unit charge counts a volume metric (consultations, tickets, call minutes)
error-floor-covers-none = name the charges the floor is under
error-no-such-charge = there is no charge { $id }
error-floor-under-floor = a floor cannot be under another floor
error-commission-flat-tiers = a flat commission has no tiers
error-commission-metric-missing = tiers by KPI name the metric
error-commission-metric-not-allowed = only tiers by KPI name a metric
error-commission-both = give a flat percent or tiers, not both
error-commission-neither = give a flat percent, or tier_by with tiers
error-no-such-phase = there is no phase { $phase }
error-override-overlaps = overlaps another override
error-clause-consequence = a clause needs a penalty, a bonus, or both
error-fee-base-missing = percentages need a fee base
error-fee-base-kinds = name at least one charge kind
error-fee-base-no-charge = the contract has no { $kind } charge
error-bands-none = needs at least one band
error-band-first-below = the first band starts at the target or below it
error-band-first-above = the first band starts at the target or above it
error-bands-decreasing = thresholds must be strictly decreasing
error-bands-increasing = thresholds must be strictly increasing
error-band-amount-or-percent = give an amount or a percent, one of them
error-band-pays-less = a band further from the target must not pay less
error-cap-amount-or-percent = give an amount or a percent_of_fees, one of them
error-duty-per-severity = one duty per severity
error-channels-none = name at least one channel
error-lines-none = name at least one service line
error-hours-order = 'from' must be before 'to'
error-hours-format = times are HH:MM, 00:00 to 24:00

## The handover plan.

error-phase-end = must be after 'start' (phases are half-open: end is the day after the last)
error-phase-past-contract = must not run past the contract's last day
error-phase-overlaps = overlaps phase '{ $phase }'
error-phase-gap = leaves a gap after phase '{ $phase }', which ends (exclusive) { $end }
error-phase-status-change = a phase cannot go from { $from } to { $to }
error-phases-need-active = phases move only while the contract is active
error-phase-previous-open = phase '{ $phase }' before it is not completed
error-phase-gate-fails = the gate of phase '{ $phase }' fails for { $period } on: { $metrics }; an owner may override it with a reason

## KPI feeds and uploads.

error-kpi-unknown-metric = is not a metric of the catalogue (see GET /api/v1/metrics)
error-kpi-negative = must not be below zero
error-kpi-not-one-per-day = must be 1 for a metric counted per day
error-kpi-denominator-required = is required for this metric
error-kpi-above-denominator = must not exceed the denominator: the metric is a share
error-kpi-without-denominator = must be 0 when the denominator is 0
error-kpi-future = is in the future: only days that have begun can be reported
error-kpi-too-large = must be at most { $max } ({ $why })
kpi-bound-observations-per-day = 1,000,000,000 observations a day
kpi-bound-count-per-day = 1,000,000,000 a day
kpi-bound-share = the denominator: the metric is a share
kpi-bound-whole-day = 86,400,000 ms, a whole day, per observation
kpi-bound-money-per-day = 100,000,000,000,000 minor units a day
kpi-bound-score = 100 per observation
error-kpi-source-vendor-only = a vendor sends its own figures only: source 'vendor'
error-kpi-source-not-vendor = only the vendor sends source 'vendor'
error-kpi-contract-draft = contract { $number } is a draft: figures are taken once it is signed
error-kpi-rows-none = send at least one row
error-kpi-row-repeats = repeats the day and metric of rows[{ $first }]
error-kpi-rows-busy = another request is writing the same rows; send this one again
error-csv-unreadable = { $detail }
error-csv-empty = is empty: send a header line and rows
error-csv-column-missing = column is missing from the header
error-csv-column-unknown = is not a column kefu takes
error-csv-columns = has { $count } columns; the header has { $header }
error-csv-no-contract = no contract numbered '{ $number }'
error-csv-no-rows = has no rows below the header
error-csv-row-repeats = repeats the contract, day and metric of line { $first }
error-csv-more = … and { $more } more bad rows

## Incidents.

error-incident-escalated-before = must not be before the incident occurred
error-incident-already-escalated = is already recorded; the first escalation stands

## Monthly reports.

error-report-step = a report that is { $from } cannot be { $step }
error-report-exists = the contract already has a report for this period
error-report-changed = the report changed meanwhile; read it again
error-month-not-over = the month is not over yet: submit the report once it is
error-report-no-figures = the report has no figures: send the daily feed or enter them
error-figure-from-feed = comes from the daily feed; correct the feed instead of entering it
error-attrition-range = must be between 0 and 100
error-dispute-no-comments = name at least one contested figure
error-dispute-not-a-figure = is not a figure of the report
error-parts-whole-month = the terms judge this metric on the whole month: give its totals only
error-parts-wanted = the terms judge this metric against different targets from { $parts }: give the figures of each part
error-segment-begins = parts follow one another from { $first } to { $last }; this one should begin on { $next }
error-segment-ends-early = parts follow one another from { $first } to { $last }; the last ends before { $last }
error-segment-sums = the parts add up to { $numerator }/{ $denominator }, not the totals { $total_numerator }/{ $total_denominator }

## Invoices (settlement statements), payments and credit notes.

error-invoice-recompute-not-draft = only a draft can be recomputed; this invoice is { $status }
error-invoice-issue-not-draft = only a draft can be issued; this invoice is { $status }
error-invoice-under-dispute = the figures are under dispute: issuing needs an override with a reason
error-invoice-void = a void invoice cannot be changed
error-invoice-has-payments = an invoice with payments cannot be voided; issue a credit note
error-invoice-settled = a settled invoice cannot be voided: its credit notes cover it
error-invoice-not-payable = only an issued or sent invoice takes payments; this one is { $status }
error-invoice-overpaid = exceeds what is outstanding ({ $outstanding })
error-invoice-not-creditable = only an issued, sent or paid invoice can be credited; this one is { $status }
error-invoice-inputs-changed = the figures, terms or incidents changed since the draft was computed: recompute it and check it again
error-invoice-changed = the invoice changed meanwhile; read it again
error-invoice-exists = the contract already has an invoice for this period
error-invoice-no-longer-draft = the invoice is no longer a draft (issued or voided meanwhile)
error-adjustment-not-recomputed = an adjustment is a difference, not recomputed: void it and restate the invoice again
error-restate-not-issued = only an issued invoice is restated; a draft is recomputed
error-restate-nothing = the recomputed invoice comes to what was billed: nothing to restate
error-credit-not-lower = would not lower what is owed (it comes to { $total }): crediting a penalty gives it back; restate the invoice for an adjustment instead
error-credit-exceeds-total = would credit { $credited } in all, more than the invoice's total { $total }
error-credit-no-lines = name at least one line that is not credited yet
error-credit-line-number = lines are numbered 1 to { $count }
error-credit-line-credited = is credited already
error-close-internal = the invoice could not be computed: an internal error, logged for the operators
error-mail-not-issued = only an issued invoice is mailed; this one is { $status }
error-mail-retry-not-failed = only a failed mail is retried; this one is { $status }
error-mail-status = must be pending, sent or failed
error-not-current-password = is not your current password
error-answers-not-disputed = only the figures of a disputed report are answered
error-answer-not-contested = is not a contested figure
error-date-wanted = must be a date such as 2026-10-31
error-line-numbers = must be line numbers
