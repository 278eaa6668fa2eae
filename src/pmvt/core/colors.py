"""Colour contrast (WCAG 2.1 relative luminance), so a territory's theme stays readable."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_color: str) -> float:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def validate_contrasting_color(value: str) -> None:
    """Reject a colour that white text on it (or it on white) could not read at 4.5:1."""
    try:
        ratio = contrast_ratio(value, "#ffffff")
    except ValueError:
        return  # The format validator reports malformed values.
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "Cette couleur n'est pas assez contrastée sur fond blanc (%(ratio)s:1 ; 4,5:1 minimum)."
            )
            % {"ratio": f"{ratio:.2f}".replace(".", ",")}
        )
