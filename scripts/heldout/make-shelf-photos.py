#!/usr/bin/env python3
"""A third source of held-out photos for `decode-bench`, built from other code than the two
Rust generators (`make-label-photos`, `make-scene-photos`): the codes come from the Python
`qrcode` package (its own mask choice and version fitting), the scenes from OpenCV, and the
scene model is of its own: what a shopper or a member of staff meets in a shop.

    pip install qrcode pillow numpy opencv-python-headless
    python3 scripts/heldout/make-shelf-photos.py N DIR [--seed S]

Each shot is one of:
- a label on a curved surface (bottle, can, blister pack): a cylindrical warp, not a plane;
- a shelf edge: a price tag with a 1-D barcode and a second, unrelated QR code (a retailer's
  coupon link) beside the label, so a frame holds two codes;
- a web shop's product page on a monitor or laptop, photographed: the screen's pixel grid,
  moire, gamma, a reflection;
- a label under coloured light (warm tungsten, cold LED, a green cast), printed in a colour
  ink (navy, dark green, brown, black) on a tinted card;
- a glossy box with specular blobs and a rolling-shutter skew.

Then: perspective, defocus (a disc kernel) or motion, low-light chroma noise, a phone's
sharpening halo, JPEG at quality 30-92; frames from 1280x720 to 4032x3024, landscape or
portrait. The label QR holds `https://<host>/l/<slug>` or an uppercase alphanumeric form
(`HTTPS://<HOST>/L/<SLUG>`, which `qrcode` encodes in alphanumeric mode), error correction
L, M or Q. `NAME.txt` holds the label code's exact text; an image counts as read when any
code returned equals it. Deterministic for a given seed.
"""

import argparse
import math
import os
import random

import cv2
import numpy as np
import qrcode
from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

HOSTS = ["demo.trustlabel.dev", "registry.example.org", "ctm.example.com"]
WORDS = ["lamp", "hub", "cam", "lock", "plug", "tv", "fridge", "oven", "vac", "toy",
         "watch", "baby-monitor", "garage", "sprinkler", "feeder", "bell"]


def label_text(rng):
    host = rng.choice(HOSTS)
    slug = "%s-%s" % (rng.choice(WORDS), "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789")
                                               for _ in range(rng.randint(4, 14))))
    if rng.random() < 0.2:
        return ("HTTPS://%s/L/%s" % (host, slug)).upper()
    text = "https://%s/l/%s" % (host, slug)
    if rng.random() < 0.2:
        text += "?v=%d" % rng.randint(1, 999)
    return text


def qr_modules(text, rng):
    ec = rng.choice([ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_M, ERROR_CORRECT_Q])
    q = qrcode.QRCode(error_correction=ec, border=0, box_size=1)
    q.add_data(text)
    q.make(fit=True)
    return np.array(q.get_matrix(), dtype=np.uint8)  # 1 = dark


def render_code(mods, module_px, quiet, ink, paper, rng):
    """The code as a colour image: module_px per module, `quiet` modules of margin, with
    print defects (ink spread or thin ink, a few dropped modules)."""
    n = mods.shape[0]
    side = (n + 2 * quiet) * module_px
    img = np.empty((side, side, 3), np.float32)
    img[:] = paper
    m = mods.copy()
    if rng.random() < 0.3:  # a few dropped or extra modules (dirt, bad print head)
        for _ in range(rng.randint(1, 6)):
            y, x = rng.randrange(n), rng.randrange(n)
            m[y, x] ^= 1
    big = cv2.resize(m * 255, (n * module_px, n * module_px), interpolation=cv2.INTER_NEAREST)
    spread = rng.choice([-1, 0, 0, 1])
    if spread and module_px >= 4:
        k = np.ones((max(1, module_px // 4),) * 2, np.uint8)
        big = cv2.dilate(big, k) if spread > 0 else cv2.erode(big, k)
    o = quiet * module_px
    region = img[o:o + big.shape[0], o:o + big.shape[1]]
    mask = (big > 127)[..., None]
    region[:] = np.where(mask, np.array(ink, np.float32), region)
    return img


def text_lines(img, rng, x0, y0, w, h, colour):
    y = y0
    while y < y0 + h:
        length = int(w * rng.uniform(0.4, 1.0))
        cv2.rectangle(img, (x0, y), (x0 + length, y + max(2, h // 18)), colour, -1)
        y += max(6, h // 7)


def label_card(text, rng):
    """The label: the QR with the Cyber Trust Mark-like shield and lines of text beside it."""
    mods = qr_modules(text, rng)
    module_px = rng.randint(4, 9)
    ink = rng.choice([(20, 20, 20), (80, 30, 10), (20, 60, 20), (60, 40, 30)])  # BGR
    paper = rng.choice([(245, 245, 245), (220, 240, 250), (235, 250, 235), (230, 230, 240)])
    code = render_code(mods, module_px, rng.choice([2, 3, 4, 4]), ink, paper, rng)
    cs = code.shape[0]
    w, h = int(cs * rng.uniform(1.9, 2.6)), int(cs * rng.uniform(1.15, 1.5))
    card = np.empty((h, w, 3), np.float32)
    card[:] = paper
    ox, oy = int(cs * 0.08), (h - cs) // 2
    if rng.random() < 0.5:
        ox = w - cs - int(cs * 0.08)
    card[oy:oy + cs, ox:ox + cs] = code
    tx = int(cs * 0.15) if ox > w // 2 else ox + cs + int(cs * 0.1)
    # A shield outline and the wording.
    cv2.circle(card, (tx + cs // 6, oy + cs // 6), cs // 7, ink, max(2, module_px // 2))
    text_lines(card, rng, tx, oy + cs // 3, int(w - cs * 1.35), int(cs * 0.6), ink)
    cv2.rectangle(card, (2, 2), (w - 3, h - 3), ink, max(2, module_px // 2))
    return card


def other_qr(rng, size):
    mods = qr_modules("https://shop.example/coupon/%d" % rng.randint(10**5, 10**9), rng)
    px = max(2, size // (mods.shape[0] + 8))
    return render_code(mods, px, 4, (0, 0, 0), (255, 255, 255), rng)


def barcode(rng, w, h):
    img = np.full((h, w, 3), 255, np.float32)
    x = 8
    while x < w - 8:
        bw = rng.choice([1, 1, 2, 3]) * max(1, w // 160)
        if rng.random() < 0.5:
            img[4:h - 12, x:x + bw] = 0
        x += bw
    return img


def background(rng, h, w):
    kind = rng.choice(["shelf", "counter", "dark", "noise"])
    if kind == "shelf":
        bg = np.zeros((h, w, 3), np.float32)
        bands = rng.randint(2, 5)
        for i in range(bands):
            c = [rng.uniform(60, 230) for _ in range(3)]
            bg[i * h // bands:(i + 1) * h // bands] = c
        return bg
    if kind == "counter":
        base = np.array([rng.uniform(120, 220) for _ in range(3)], np.float32)
        n = cv2.resize(np.random.default_rng(rng.randint(0, 2**31)).random((h // 40 + 2, w // 40 + 2)).astype(np.float32),
                       (w, h), interpolation=cv2.INTER_CUBIC)
        return base[None, None, :] * (0.8 + 0.4 * n[..., None])
    if kind == "dark":
        return np.full((h, w, 3), rng.uniform(15, 60), np.float32)
    n = np.random.default_rng(rng.randint(0, 2**31)).random((h // 8 + 1, w // 8 + 1, 3)).astype(np.float32)
    return cv2.resize(n, (w, h), interpolation=cv2.INTER_NEAREST) * 200 + 30


def paste_warped(dst, src, rng, scale, centre=None):
    """Perspective-warp `src` onto `dst`, about `scale` of the frame's short side."""
    h, w = dst.shape[:2]
    sh, sw = src.shape[:2]
    target = min(h, w) * scale
    k = target / max(sh, sw)
    cx, cy = centre if centre else (w * rng.uniform(0.3, 0.7), h * rng.uniform(0.3, 0.7))
    ang = math.radians(rng.uniform(-35, 35) if rng.random() < 0.8 else rng.uniform(0, 360))
    tilt = rng.uniform(0.0, 0.35)
    pts = []
    for (x, y) in [(0, 0), (sw, 0), (sw, sh), (0, sh)]:
        dx, dy = (x - sw / 2) * k, (y - sh / 2) * k
        # Tilt: one side shrinks as if turned away from the camera.
        f = 1 - tilt * (1 if (x > 0) else -1) * rng.choice([1, 1]) * 0.5
        dy *= f
        rx = dx * math.cos(ang) - dy * math.sin(ang)
        ry = dx * math.sin(ang) + dy * math.cos(ang)
        pts.append((cx + rx + rng.uniform(-0.03, 0.03) * target,
                    cy + ry + rng.uniform(-0.03, 0.03) * target))
    m = cv2.getPerspectiveTransform(np.float32([(0, 0), (sw, 0), (sw, sh), (0, sh)]),
                                    np.float32(pts))
    warped = cv2.warpPerspective(src, m, (w, h), flags=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(-1, -1, -1))
    mask = warped[..., 0] >= 0
    dst[mask] = warped[mask]


def cylinder(card, rng):
    """Wrap the card around a cylinder whose axis is vertical: x compresses towards the edges
    and the shading falls off, as on a bottle or a can."""
    h, w = card.shape[:2]
    span = rng.uniform(0.6, 1.4)  # radians of the cylinder the card covers
    xs = np.linspace(-1, 1, w)
    theta = xs * span / 2
    src_x = ((np.sin(theta) / math.sin(span / 2)) + 1) / 2 * (w - 1)
    # Inverse: for each output column, which source column (monotone, so interp works).
    out_x = np.interp(np.arange(w), src_x, np.arange(w)).astype(np.float32)
    mapx = np.tile(out_x, (h, 1))
    mapy = np.tile(np.arange(h, dtype=np.float32)[:, None], (1, w))
    warped = cv2.remap(card, mapx, mapy, cv2.INTER_LINEAR)
    shade = (0.55 + 0.45 * np.cos(np.interp(np.arange(w), src_x, theta)))[None, :, None]
    return warped * shade.astype(np.float32) + 20 * (1 - shade.astype(np.float32))


def screen_photo(frame, rng):
    """The scene as shown on a display and photographed: RGB sub-pixel grid, gamma, moire."""
    h, w = frame.shape[:2]
    pitch = rng.choice([3, 4, 5])
    grid = np.ones((h, w, 3), np.float32) * 0.55
    for c in range(3):
        grid[:, c::pitch, 2 - c] = 1.0
    grid[::pitch, :, :] *= 0.7
    out = np.clip(frame, 0, 255) / 255.0
    out = (out ** rng.uniform(0.8, 1.3)) * grid * 255
    if rng.random() < 0.6:  # a reflection of a window
        x0 = rng.randint(0, w // 2)
        out[:, x0:x0 + w // rng.randint(3, 6)] += rng.uniform(20, 70)
    return out


def finish(img, rng):
    h, w = img.shape[:2]
    light = rng.choice(["even", "tungsten", "led", "green", "spot", "low"])
    tint = {"even": (1, 1, 1), "tungsten": (0.6, 0.85, 1.15), "led": (1.15, 1.0, 0.9),
            "green": (0.85, 1.15, 0.85), "spot": (1, 1, 1), "low": (0.45, 0.45, 0.45)}[light]
    img = img * np.array(tint, np.float32)
    if light == "spot" or rng.random() < 0.3:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = max(h, w) * rng.uniform(0.4, 1.0)
        img *= (0.45 + 0.75 * np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (r * r))))[..., None]
    if rng.random() < 0.3:  # specular blobs on gloss
        for _ in range(rng.randint(1, 4)):
            c = (rng.randint(0, w), rng.randint(0, h))
            ax = (rng.randint(w // 40 + 1, w // 8 + 2), rng.randint(h // 60 + 1, h // 12 + 2))
            blob = np.zeros((h, w), np.float32)
            cv2.ellipse(blob, c, ax, rng.uniform(0, 180), 0, 360, 1.0, -1)
            blob = cv2.GaussianBlur(blob, (0, 0), max(ax) / 3)
            img += blob[..., None] * rng.uniform(80, 220)
    blur = rng.choice(["none", "defocus", "motion", "none"])
    if blur == "defocus":
        r = rng.randint(1, max(2, min(h, w) // 500 + 2))
        k = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
        cv2.circle(k, (r, r), r, 1.0, -1)
        img = cv2.filter2D(img, -1, k / k.sum())
    elif blur == "motion":
        n = rng.randint(3, max(4, min(h, w) // 200 + 4))
        k = np.zeros((n, n), np.float32)
        k[n // 2, :] = 1
        rot = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), rng.uniform(0, 180), 1)
        k = cv2.warpAffine(k, rot, (n, n))
        img = cv2.filter2D(img, -1, k / max(k.sum(), 1e-6))
    if rng.random() < 0.25:  # rolling shutter: rows shift progressively
        shift = rng.uniform(-0.04, 0.04) * w
        m = np.float32([[1, shift / h, -shift / 2], [0, 1, 0]])
        img = cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REFLECT)
    sigma = rng.uniform(2, 6) if light != "low" else rng.uniform(6, 14)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, sigma, (h // 2 + 1, w // 2 + 1, 3))
    img += cv2.resize(noise.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    if rng.random() < 0.5:  # the phone's sharpening halo
        soft = cv2.GaussianBlur(img, (0, 0), 1.5)
        img = img + rng.uniform(0.3, 1.0) * (img - soft)
    return np.clip(img, 0, 255).astype(np.uint8)


SIZES = [(1280, 720), (1920, 1080), (1600, 1200), (2560, 1440), (3264, 2448), (4032, 3024)]


def shot(rng):
    text = label_text(rng)
    w, h = rng.choice(SIZES)
    if rng.random() < 0.35:
        w, h = h, w
    frame = background(rng, h, w)
    card = label_card(text, rng)
    kind = rng.choice(["curved", "shelf", "screen", "colour", "gloss"])
    scale = rng.uniform(0.22, 0.8)
    if kind == "curved":
        paste_warped(frame, cylinder(card, rng), rng, scale)
    elif kind == "shelf":
        tag_w = int(min(h, w) * rng.uniform(0.25, 0.4))
        tag = np.full((int(tag_w * 0.55), tag_w, 3), 250, np.float32)
        bc = barcode(rng, tag_w // 2, int(tag_w * 0.25))
        tag[int(tag_w * 0.25):int(tag_w * 0.25) + bc.shape[0], 8:8 + bc.shape[1]] = bc
        coupon = other_qr(rng, int(tag_w * 0.45))
        cq = coupon.shape[0]
        if cq < tag.shape[0] - 8 and cq < tag_w // 2 - 16:
            tag[4:4 + cq, tag_w - cq - 8:tag_w - 8] = coupon
        left = rng.random() < 0.5
        paste_warped(frame, tag, rng, scale * 0.7,
                     centre=(w * (0.25 if left else 0.75), h * rng.uniform(0.6, 0.85)))
        paste_warped(frame, card, rng, scale * 0.8,
                     centre=(w * (0.7 if left else 0.3), h * rng.uniform(0.25, 0.5)))
    elif kind == "screen":
        page = np.full((h, w, 3), 250, np.float32)
        text_lines(page, rng, w // 20, h // 10, w // 2, h // 2, (90, 90, 90))
        paste_warped(page, card, rng, scale, centre=(w * 0.7, h * 0.5))
        frame = screen_photo(page, rng)
        # The photographed screen is itself a plane at an angle.
        src = frame.copy()
        frame = background(rng, h, w)
        paste_warped(frame, src, rng, rng.uniform(0.9, 1.3) * max(h, w) / min(h, w) * 0.8)
    else:
        paste_warped(frame, card, rng, scale)
    return text, finish(frame, rng)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    for i in range(a.n):
        rng = random.Random(a.seed * 1_000_003 + i)
        cv2.setRNGSeed(a.seed * 7919 + i)
        text, img = shot(rng)
        name = os.path.join(a.dir, "shelf-%03d" % i)
        cv2.imwrite(name + ".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(30, 92)])
        with open(name + ".txt", "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
