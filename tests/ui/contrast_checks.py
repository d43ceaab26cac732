"""Measuring what a person sees: how far a picture's outline stands out from its background."""

import numpy
from PySide6.QtGui import QColor, QImage

# Most of a picture's edge must stand out; small light details (a wisp of steam, the open end
# of a line) may not, as long as the shape as a whole is clear.
OUTLINE_SHARE = 0.7
# How far inside the edge the line may lie, in pixels: anti-aliasing blends the edge pixel.
LINE_BAND = 2
# WCAG compares the colours a picture is drawn in, not the blend of a line thinner than a
# pixel: pictures are measured drawn at least this big, where their lines are solid.
MEASURED_SIZE = 64


def _luminance(rgb: numpy.ndarray) -> numpy.ndarray:
    linear = numpy.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ numpy.array([0.2126, 0.7152, 0.0722])


def outline_share(image: QImage, background: str) -> float:
    """Return the share of a picture's edge that reaches 3:1 against ``background``."""
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    height, width = image.height(), image.width()
    raw = numpy.frombuffer(image.constBits(), numpy.uint8, image.sizeInBytes())
    pixels = raw.reshape(height, image.bytesPerLine())[:, : width * 4].reshape(height, width, 4)
    alpha = pixels[..., 3:4] / 255.0
    back = QColor(background)
    back_rgb = numpy.array([back.redF(), back.greenF(), back.blueF()])
    # Premultiplied colour over the background, as the button draws it.
    shown = pixels[..., :3] / 255.0 + back_rgb * (1 - alpha)
    shown_l = _luminance(numpy.clip(shown, 0, 1))
    back_l = float(_luminance(back_rgb))
    ratio = (numpy.maximum(shown_l, back_l) + 0.05) / (numpy.minimum(shown_l, back_l) + 0.05)
    solid = alpha[..., 0] >= 0.5
    padded = numpy.pad(solid, 1, constant_values=False)
    inner = padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    edge = solid & ~inner
    if not edge.any():
        return 1.0
    best = numpy.pad(numpy.where(solid, ratio, 1.0), LINE_BAND, constant_values=1.0)
    strongest = numpy.zeros_like(ratio)
    for dy in range(2 * LINE_BAND + 1):
        for dx in range(2 * LINE_BAND + 1):
            strongest = numpy.maximum(strongest, best[dy : dy + height, dx : dx + width])
    return float((strongest[edge] >= 3.0).mean())
