# Staff and offline features: shelf audits, offline packs, the watchlist, compare (US English).

audit-bucket-invalid = Failed a check
audit-bucket-not-official = Not an official label
audit-bucket-not-a-label = Not a label
audit-bucket-unknown-product = Not in the registry
audit-bucket-not-checked = Not checked
audit-bucket-authorization-withdrawn = Authorization withdrawn
audit-bucket-support-ended = Support ended
audit-bucket-support-ends-soon = Support ends soon
audit-bucket-ok = OK

audit-entry = { $product }: { $bucket }{ $count ->
        [1] {""}
       *[other] , scanned { $count } times
    }

pack-imported = { $count ->
        [one] Imported 1 label for offline use.
       *[other] Imported { $count } labels for offline use.
    }
pack-skipped = { $count ->
        [one] 1 entry was skipped because it failed a check.
       *[other] { $count } entries were skipped because they failed a check.
    }
pack-not-kept = { $count ->
        [one] 1 label did not fit in the offline storage (it keeps { $limit } labels), so it will need signal.
       *[other] { $count } labels did not fit in the offline storage (it keeps { $limit } labels), so they will need signal.
    }
pack-trust-installed = The list of official registries was updated.
pack-trust-refused = The list of official registries in the pack was not used.
pack-skip-not-official = the record is not for a label of an official registry
pack-skip-not-signed = the record is not signed, so it cannot be loaded from a file
pack-error-too-large = This pack is too large. The limit is { $megabytes } MB.
pack-error-truncated = This pack file is incomplete. Nothing was imported.
pack-error-malformed = This is not a pack file. Nothing was imported.
pack-error-version = This pack was made for a newer version of the app. Nothing was imported.
pack-error-storage = The pack could not be saved on this device. Nothing was imported.

watch-alert-support-ends-soon = Security updates for { $product } end on { $date }.
watch-alert-support-ended = Security updates for { $product } ended on { $date }.
watch-alert-unsupported = { $product } no longer gets security updates.
watch-alert-authorization-changed = The Cyber Trust Mark authorization of { $product } has changed since you saved it.
watch-alert-record-changed = The registry's record for { $product } has changed since you saved it.
watch-alert-key-revoked = The key that signed the record for { $product } was canceled. Do not rely on this label until it is checked again.

compare-row-support = Security updates until
compare-row-updates = How updates install
compare-row-sensors = Sensors
compare-row-sign-in = Sign-in
compare-row-data-location = Where data goes
compare-row-software-origin = Where the software comes from
compare-row-authorization = Authorization
