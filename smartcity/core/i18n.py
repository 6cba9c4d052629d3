from collections.abc import Mapping

from django.utils.translation import get_language


def localised(obj, field: str) -> str:
    """The reader's variant of a bilingual field (`<field>_th` / `<field>_en`), falling
    back to the other language when that one is empty. `obj` may be a mapping too (a
    frozen snapshot's criterion)."""
    get = obj.get if isinstance(obj, Mapping) else lambda name, default: getattr(obj, name, default)
    thai = get(f"{field}_th", "") or ""
    english = get(f"{field}_en", "") or ""
    if (get_language() or "th").startswith("th"):
        return thai or english
    return english or thai
