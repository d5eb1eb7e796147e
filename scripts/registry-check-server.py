#!/usr/bin/env python3
"""Checks one registry server (nginx with the export, or `trustlabel-registry serve`) from the
outside: every fixture label verifies through it with the real scanner (`trustlabel scan
--registry-origin`), a browser gets the page in its language, apps get the envelope,
linkset clients the linkset, ETags give 304, unknown labels 404, and /healthz answers.

usage: registry-check-server.py BASE_URL TRUSTLABEL_BIN FIXTURES_DIR WORK_DIR
"""
import json
import subprocess
import sys
import urllib.error
import urllib.request

base, trustlabel, fixtures, work = sys.argv[1:5]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message, file=sys.stderr)


def get(path, headers=None):
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


manifest = json.load(open(f"{fixtures}/manifest.json"))

# 1. The real scanner, through this server, for every fixture label.
links = "\n".join(label["url"] for label in manifest["labels"]) + "\n"
scan = subprocess.run(
    [trustlabel, "scan", "-", "--json", "--registry-origin", base, "--data-dir", f"{work}/scan-cache"],
    input=links.encode(), capture_output=True, timeout=300,
)
results = {}
for line in scan.stdout.decode().splitlines():
    line = line.strip()
    if line.startswith("{"):
        result = json.loads(line)
        results[result.get("url") or result.get("text")] = result
checked = 0
for label in manifest["labels"]:
    expect = label["expect"]
    result = results.get(label["url"])
    if result is None:
        fail(f"{label['slug']}: no scan result (stderr: {scan.stderr.decode()[-300:]})")
        continue
    outcome = result.get("outcome")
    if outcome != expect["outcome"]:
        fail(f"{label['slug']}: outcome {outcome}, expected {expect['outcome']} ({result.get('reason')})")
    elif expect.get("reason") and result.get("reason") != expect["reason"]:
        fail(f"{label['slug']}: reason {result.get('reason')}, expected {expect['reason']}")
    else:
        checked += 1
print(f"scanner: {checked}/{len(manifest['labels'])} fixture labels as the manifest expects")

# 2. Content negotiation on one label's URL.
path = "/l/ringwraith-2000"
browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
status, headers, body = get(path, {"Accept": browser, "Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
if status != 200 or b'<html lang="es-US">' not in body or "text/html" not in headers.get("content-type", ""):
    fail(f"browser (es): {status} {headers.get('content-type')}")
status, headers, body = get(path, {"Accept": browser, "Accept-Language": "en-US,en;q=0.9"})
if status != 200 or b'<html lang="en-US">' not in body:
    fail(f"browser (en): {status}")
if b"<script" in body:
    fail("the page has a script")
status, headers, body = get(path + "/es-US", {"Accept": browser})
if status != 200 or b'<html lang="es-US">' not in body:
    fail(f"explicit /es-US: {status}")
# Every page language, by the first language of Accept-Language (the rules of the core's
# resolve_accept_language, which nginx's map follows for the first language) and by name.
for asked, locale in [("zh-TW,zh;q=0.9", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-Hant", "zh-Hant"),
                      ("zh-CN,zh;q=0.9", "zh-Hans"), ("zh", "zh-Hans"), ("vi-VN,vi;q=0.9", "vi"),
                      ("fr-FR", "en-US")]:
    status, headers, body = get(path, {"Accept": browser, "Accept-Language": asked})
    if status != 200 or f'<html lang="{locale}">'.encode() not in body:
        fail(f"browser ({asked}): {status}, expected the {locale} page")
for locale in ["en-US", "es-US", "zh-Hans", "zh-Hant", "vi"]:
    status, headers, body = get(path + "/" + locale, {"Accept": browser})
    if status != 200 or f'<html lang="{locale}">'.encode() not in body:
        fail(f"explicit /{locale}: {status}")
status, headers, envelope = get(path, {"Accept": "application/jose+json"})
if status != 200 or headers.get("content-type", "").split(";")[0] != "application/jose+json":
    fail(f"envelope: {status} {headers.get('content-type')}")
elif set(json.loads(envelope)) != {"protected", "payload", "signature"}:
    fail("envelope is not a flattened JWS")
status, headers, linkset = get(path, {"Accept": "application/linkset+json"})
if status != 200 or headers.get("content-type", "").split(";")[0] != "application/linkset+json":
    fail(f"linkset: {status} {headers.get('content-type')}")
elif json.loads(linkset)["linkset"][0]["anchor"] != "https://demo.trustlabel.dev" + path:
    fail("linkset anchor")
vary = headers.get("vary", "")
if "Accept" not in vary:
    fail(f"Vary: {vary!r}")

# 3. ETag and 304, for the envelope and the page.
for accept in ["application/jose+json", browser]:
    status, headers, _ = get(path, {"Accept": accept})
    etag = headers.get("etag")
    if not etag or etag.startswith("W/"):
        fail(f"{accept}: no strong ETag ({etag})")
        continue
    if "cache-control" not in headers:
        fail(f"{accept}: no Cache-Control")
    status, headers, body = get(path, {"Accept": accept, "If-None-Match": etag})
    if status != 304 or body:
        fail(f"{accept}: If-None-Match gave {status}")
    status, _, _ = get(path, {"Accept": accept, "If-None-Match": '"not-this-one"'})
    if status != 200:
        fail(f"{accept}: another ETag gave {status}")

# 4. Unknown labels, health.
status, headers, body = get("/l/no-such-product", {"Accept": "application/jose+json"})
if status != 404:
    fail(f"unknown label (app): {status}")
status, headers, body = get("/l/no-such-product", {"Accept": browser})
if status != 404 or b"<html" not in body:
    fail(f"unknown label (browser): {status}")
status, headers, body = get("/healthz")
if status != 200 or json.loads(body).get("status") != "ok":
    fail(f"/healthz: {status}")
status, _, _ = get("/nginx.conf")
if status != 404:
    fail(f"/nginx.conf is served ({status})")

if failures:
    print(f"{len(failures)} checks failed against {base}", file=sys.stderr)
    sys.exit(1)
print(f"all checks passed against {base}")
