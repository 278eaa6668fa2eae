"""Compile the .po catalogues to .mo with polib (pure Python: no GNU gettext needed)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "pmvt" / "locale"


def main() -> None:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(LOCALE.parent.parent.parent)}")


if __name__ == "__main__":
    main()
