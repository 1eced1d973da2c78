"""How far apart two colours stay for people with the common colour-vision deficiencies.

A marked passage is washed with its category's tint; the five tints must stay tellable apart for the one student
in twelve with a red-green deficiency (protanopia, deuteranopia) and the rarer blue-yellow one (tritanopia), not
only for full colour vision. This simulates each (Machado, Oliveira and Fernandes 2009, severity 1, in linear
RGB) on the tint as it lies on white paper or a white page, and measures the difference in CIELAB (ΔE 1976;
about 2.3 is just noticeable, above 10 plainly different). The line style and the letter badge stay the
second cue in any case.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

DEFICIENCIES: Mapping[str, Sequence[Sequence[float]]] = {
    "none": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _gamma(v: float) -> float:
    v = min(1.0, max(0.0, v))
    return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def on_white(hex_colour: str, alpha: float) -> tuple[float, float, float]:
    """The colour a tint of ``alpha`` shows on white (0..1 sRGB)."""
    return tuple(1 - alpha + c * alpha for c in _rgb(hex_colour))  # type: ignore[return-value]


def simulate(rgb: Sequence[float], deficiency: str) -> tuple[float, float, float]:
    matrix = DEFICIENCIES[deficiency]
    linear = [_linear(c) for c in rgb]
    return tuple(_gamma(sum(matrix[i][j] * linear[j] for j in range(3))) for i in range(3))  # type: ignore[return-value]


def lab(rgb: Sequence[float]) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def closest_pair(tints: Mapping[str, str], alpha: float) -> tuple[float, str, str, str]:
    """(ΔE, deficiency, first, second) of the two tints that come nearest, under any of the simulations."""
    found = []
    for deficiency in DEFICIENCIES:
        seen = {name: lab(simulate(on_white(colour, alpha), deficiency)) for name, colour in tints.items()}
        for a, b in itertools.combinations(seen, 2):
            found.append((math.dist(seen[a], seen[b]), deficiency, a, b))
    return min(found)
