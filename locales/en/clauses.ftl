# The SLA clauses pages of a contract: the list, adding and changing a clause (penalty and bonus schedules, peak-season targets).

clause-list-title = SLA clauses
clause-new-title = New SLA clause
clause-edit-title = SLA clause
clause-list-intro = Each SLA clause sets a target for one metric, what missing it costs and what doing better earns. Under each clause, what it means in plain words.
clause-none = No SLA clauses yet.
clause-add = Add a clause
clause-edit = Change
clause-view = View
clause-version = Terms shown: { $version }
clause-signed = The contract is signed and no amendment is open: its clauses cannot be changed directly.
clause-signed-link = Open an amendment on the signing page
clause-signed-refused = Not saved: the contract is signed and no amendment is open.
clause-closed = The contract is terminated or expired: its clauses can no longer be changed.
clause-done-added = Clause added.
clause-done-saved = Clause saved.
clause-done-removed = Clause removed.
clause-back-to-contract = Back to the contract
clause-back-to-list = Back to the clauses
clause-column-costs = Penalty and bonus
clause-column-applies = Applies
clause-costs-penalty = penalty: { $shape }
clause-costs-bonus = bonus: { $shape }
clause-applies-from = from phase “{ $phase }”
clause-applies-grace = not measured for { $days } days after a phase starts
clause-applies-windows = other targets: { $labels }
clause-direction-at-least = at least
clause-direction-at-most = at most
clause-all-phases = all phases
clause-meaning = What the clause means

clause-section-what = Metric and target
clause-field-name = Name
clause-field-metric = Metric
clause-field-target = Target
clause-field-category = Kind of liability
clause-target-explained = The target is in the metric's unit: 99.5 for 99.5 %, durations in seconds. The metric says whether higher or lower is better.
clause-period = Measured monthly: the month's figures, summed, against the target.
clause-metric-option = { $metric } ({ $unit }, { $better ->
    [higher] higher is better
   *[lower] lower is better
})
clause-unit-count = count
clause-unit-percent = percent
clause-unit-seconds = seconds
clause-unit-money = money
clause-unit-score = score

clause-section-when = When it is measured
clause-field-from-phase = Applies from handover phase
clause-field-grace-days = Grace days after a phase starts
clause-field-min-sample = Minimum sample
clause-when-explained = Days of the grace period are not measured; a month whose sample (sessions, say) is below the minimum is not measured.
clause-field-missing-data = When figures are missing
clause-missing-breach = Count as missed (the worst band or the maximum applies)
clause-missing-waive = Not measured, noted only

clause-section-penalty = Penalty
clause-section-bonus = Bonus
clause-shape-none = None
clause-shape-bands = Bands
clause-shape-per-step = Per step
clause-shape-fixed = Fixed amount
clause-penalty-legend = How the penalty is counted
clause-bonus-legend = How the bonus is counted
clause-penalty-bands-explained = Bands: thresholds run from the target outwards, each worse than the one before; the worst band the month reaches applies, not their sum. Each band is an amount or a percentage of the fee base (the month's total of the kinds of charges ticked). Blank rows are left out.
clause-bonus-bands-explained = Bands: thresholds run from the target outwards, each better than the one before; the best band the month reaches applies, not their sum. Each band is an amount or a percentage of the fee base. Blank rows are left out.
clause-penalty-per-step-explained = Per step: an amount for each step the month's figure falls short of the target, up to a maximum if given. For instance ¥50 for each second of first response time over the target, at most ¥2,000.
clause-bonus-per-step-explained = Per step: an amount for each step the month's figure beats the target, up to a maximum if given.
clause-penalty-fixed-explained = Fixed amount: one amount for each month the target is missed.
clause-bonus-fixed-explained = Fixed amount: one amount for each month the target is met.
clause-penalty-amount = Penalty (amount)
clause-bonus-amount = Bonus (amount)
clause-penalty-step-amount = Penalty per step
clause-bonus-step-amount = Bonus per step
clause-penalty-fixed-amount = Penalty per breach
clause-bonus-fixed-amount = Bonus each time
clause-fee-base = Fee base of percentages:
clause-no-charges = The contract has no charges yet: add them before using percentages.
clause-band = Band
clause-threshold = Threshold
clause-inclusive = Threshold included
clause-percent = or percent of the base
clause-step = Step
clause-max = Maximum (optional)
clause-counting = A started step
clause-conditions = Further conditions of the bonus
clause-conditions-explained = The bonus is paid only if each of these holds too, such as a DSR service score of at least 4.8. Blank rows are left out.
clause-condition-threshold = At least as good as
clause-conditions-without-bonus = further conditions are a bonus's: choose how the bonus is counted first

clause-section-overrides = Peak-season targets
clause-overrides-explained = For a sales event (Double 11, 618) the clause can have another target: between the two dates, both included, it is measured against it; the penalty and bonus stay as they are. Blank rows are left out.
clause-override-label = Name (such as 双11)
clause-override-from = From
clause-override-to = To
clause-override-target = Target then
clause-date-wanted = write the date as year-month-day

clause-save = Save the clause
clause-cancel = Cancel
clause-remove = Remove this clause

clause-words-target = { $metric }, measured monthly: target { $direction ->
    [higher] at least
   *[lower] at most
} { $target }
clause-words-penalty = Penalty: { $schedule }
clause-words-bonus = Bonus: { $schedule }
clause-words-bonus-conditions = The bonus also requires { $conditions }
clause-words-override = { $label } ({ $from } to { $to }): target { $direction ->
    [higher] at least
   *[lower] at most
} { $target }
clause-words-from-phase = Applies from phase “{ $phase }”
clause-words-all-phases = Applies in every phase
clause-words-grace = Not measured for { $days } days after each phase starts
clause-words-min-sample = Not measured in a month with a sample under { $sample }
clause-words-missing-breach = Missing figures count as a miss
clause-words-missing-waive = A month with missing figures is not measured
clause-words-category = Kind of liability: { $category }
clause-date-placeholder = yyyy-mm-dd
clause-refused = Not saved: change what is marked and save again.
