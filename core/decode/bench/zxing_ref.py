#!/usr/bin/env python3
"""Reference decoder for decode-bench: zxing-cpp (PyPI `zxing-cpp`).

Usage: zxing_ref.py [--repeat N] FILE...
Prints one JSON object per line: {"file", "texts" (list of UTF-8 strings),
"ms" (median decode-call time over N runs; image loading is not timed)}.
Exits with status 3 when zxing-cpp or Pillow is not installed.
"""
import json
import statistics
import sys
import time

try:
    import zxingcpp
    from PIL import Image
except ImportError as e:  # pragma: no cover
    print(json.dumps({"error": f"zxing-cpp unavailable: {e}"}))
    sys.exit(3)


def main(argv):
    repeat = 1
    if len(argv) >= 2 and argv[0] == "--repeat":
        repeat = max(1, int(argv[1]))
        argv = argv[2:]
    for path in argv:
        try:
            img = Image.open(path)
            img.load()
            img = img.convert("L")
        except Exception as e:  # unreadable file: report, keep going
            print(json.dumps({"file": path, "texts": [], "ms": 0.0, "error": str(e)}), flush=True)
            continue
        times = []
        results = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            results = zxingcpp.read_barcodes(
                img, formats=zxingcpp.BarcodeFormat.QRCode, text_mode=zxingcpp.TextMode.Plain
            )
            times.append((time.perf_counter() - t0) * 1000.0)
        texts = [r.text for r in results if r.valid]
        print(json.dumps({"file": path, "texts": texts, "ms": statistics.median(times)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
