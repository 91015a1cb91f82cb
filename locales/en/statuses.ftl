# Where things stand, as a word inside a sentence ("this invoice is issued").
# In English the word is the status's code, as the API writes it.

contract-status-draft = draft
contract-status-active = active
contract-status-suspended = suspended
contract-status-terminated = terminated
contract-status-expired = expired

terms-state-draft = draft
terms-state-pending = pending
terms-state-in-force = in_force
terms-state-discarded = discarded

phase-status-planned = planned
phase-status-in-progress = in_progress
phase-status-completed = completed
phase-status-rolled-back = rolled_back

vendor-status-invited = invited
vendor-status-active = active
vendor-status-offboarded = offboarded

report-status-draft = draft
report-status-submitted = submitted
report-status-accepted = accepted
report-status-disputed = disputed

# What can be done to a report: "a report that is draft cannot be accepted".
report-step-edit = edited
report-step-submit = submitted
report-step-accept = accepted
report-step-dispute = disputed

invoice-status-draft = draft
invoice-status-issued = issued
invoice-status-sent = sent
invoice-status-paid = paid
invoice-status-void = void

mail-status-pending = pending
mail-status-sent = sent
mail-status-failed = failed
