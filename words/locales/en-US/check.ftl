# Why a registry's answer failed a check (US English).
# Each completes the sentence "We could not check this label: ...".

reason-too-large = the registry sent far more data than a label record needs
reason-malformed-json = the registry's answer is damaged or is not a label record
reason-malformed-base64 = the registry's answer is damaged
reason-unsupported-algorithm = the answer is signed in a way that is not allowed
reason-missing-key-id = the answer does not say which key signed it
reason-wrong-type = the answer is not the kind of record we asked for
reason-critical-header = the answer asks for features this app does not have
reason-unknown-key = the answer was signed with a key we do not know
reason-revoked-key = the answer was signed with a key that was canceled
reason-key-not-valid-at-issue = the key that signed the answer was not valid at that time
reason-algorithm-mismatch = the signature does not match its key
reason-bad-signature = the signature is not valid
reason-malformed-statement = the signed record is not complete
reason-wrong-issuer = the record came from a different registry
reason-wrong-subject = the record is for a different label
reason-not-logged = the registry did not publish this record in its public log
reason-too-few-witnesses = too few outside checkers vouched for the registry's public log
reason-log-inconsistent = the registry's public log does not match what this device saw before
reason-issued-in-future = the record is dated in the future, so check the date on this device
reason-rollback = the registry sent an older record than the one saved on this device
