from django.utils.translation import get_language


def localised(obj, field: str) -> str:
    """The reader's variant of a bilingual field (`<field>_th` / `<field>_en`), falling
    back to the other language when that one is empty."""
    thai = getattr(obj, f"{field}_th", "") or ""
    english = getattr(obj, f"{field}_en", "") or ""
    if (get_language() or "th").startswith("th"):
        return thai or english
    return english or thai
