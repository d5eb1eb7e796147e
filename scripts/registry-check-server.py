#!/usr/bin/env python3
"""Checks one registry server (nginx with the export, or `trustlabel-registry serve`) from the
outside: every fixture label verifies through it with the real scanner (`trustlabel scan
--registry-origin`), a browser gets the page in its language, apps get the envelope,
linkset clients the linkset, ETags give 304, unknown labels 404, /healthz answers, and the
transparency log is served (checkpoint no-cache, tiles immutable) with every verified
label's envelope proved included in it.

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
elif set(json.loads(envelope)) != {"protected", "payload", "signature", "log_proof"}:
    fail("envelope is not a flattened JWS with its log_proof")
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

# 5. The transparency log: the checkpoint (never cached unchecked), the tiles (immutable), and
# every logged envelope's proof, checked here independently of the Rust code (RFC 9162
# inclusion, the leaf hash against the level-0 tile, the entry rebuilt from the statement).
import base64
import hashlib


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def inclusion_root(index, size, leaf, proof):
    f, s, r = index, size - 1, leaf
    for p in proof:
        if s == 0:
            return None
        if f & 1 or f == s:
            r = node(p, r)
            while f & 1 == 0 and f != 0:
                f >>= 1
                s >>= 1
        else:
            r = node(r, p)
        f >>= 1
        s >>= 1
    return r if s == 0 else None


status, headers, checkpoint = get("/log/checkpoint")
if status != 200 or headers.get("cache-control") != "no-cache":
    fail(f"/log/checkpoint: {status}, Cache-Control {headers.get('cache-control')!r}")
else:
    origin, size, root = checkpoint.decode().split("\n")[:3]
    size, root = int(size), base64.b64decode(root)
    tile_path = f"/log/tile/0/000.p/{size}" if size < 256 else "/log/tile/0/000"
    status, headers, tile = get(tile_path)
    if status != 200 or "immutable" not in headers.get("cache-control", ""):
        fail(f"{tile_path}: {status}, Cache-Control {headers.get('cache-control')!r}")
    proved = 0
    for label in manifest["labels"]:
        if label["expect"]["outcome"] != "verified":
            continue
        label_path = label["url"].split("demo.trustlabel.dev", 1)[1]
        status, _, body = get(label_path, {"Accept": "application/jose+json"})
        envelope = json.loads(body)
        proof = envelope.get("log_proof")
        if status != 200 or proof is None:
            fail(f"{label['slug']}: no log_proof")
            continue
        if proof["checkpoint"].encode() != checkpoint:
            fail(f"{label['slug']}: log_proof's checkpoint is not the one served")
            continue
        statement = json.loads(b64url(envelope["payload"]))
        compact = ".".join(envelope[k] for k in ("protected", "payload", "signature"))
        entry = (f"trustlabel-record/v1\n{statement['iss']}\n{statement['sub']}\n"
                 f"{statement['iat']} {statement['seq']}\n"
                 f"{base64.b64encode(hashlib.sha256(compact.encode()).digest()).decode()}\n")
        leaf = hashlib.sha256(b"\x00" + entry.encode()).digest()
        index = proof["index"]
        hashes = [base64.b64decode(h) for h in proof["inclusion"]]
        if inclusion_root(index, size, leaf, hashes) != root:
            fail(f"{label['slug']}: the inclusion proof does not lead to the checkpoint's root")
        elif size < 256 and tile[index * 32:(index + 1) * 32] != leaf:
            fail(f"{label['slug']}: the level-0 tile does not hold the entry's leaf hash")
        else:
            proved += 1
    print(f"log: {proved} verified labels proved included in {origin} (size {size})")

if failures:
    print(f"{len(failures)} checks failed against {base}", file=sys.stderr)
    sys.exit(1)
print(f"all checks passed against {base}")
