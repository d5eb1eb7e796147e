# What a live scan session says while it looks for a label (US English). Shown on screen and
# read aloud; keep each one short enough to say while the camera moves.

session-searching = Point the camera at the QR code on the label.
    .spoken = Point the camera at the Q R code on the label.
session-hold-still = Code found. Hold still.
session-move-closer = Code found. Move closer.
session-more-light = It is too dark here. Find more light.
session-only-one-code = More than one code is in view. Point at just one.
session-checking = Checking this label.
session-cancelled = The check was stopped.
