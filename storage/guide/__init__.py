"""The editorial guide: purpose, pillars, voice, rules; the mix of published content
against the pillars' targets; and the guide as a Markdown document.

Modules: ``editorial`` (the guide's sections and pillars), ``mix`` (actual shares per pillar over
the last and next 30 days), ``markdown`` (export and import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.exports import lazy_exports
from storage.guide.editorial import (
    Guide,
    Pillar,
    add_pillar,
    channel_note_keys,
    delete_pillar,
    list_pillars,
    load_guide,
    move_pillar,
    restore_pillar,
    set_channel_note,
    target_total,
    target_warning,
    update_guide,
    update_pillar,
)
from storage.guide.mix import (
    MIN_ITEMS,
    TOLERANCE,
    MixReport,
    MixRow,
    MixWindow,
    mix_report,
    mix_warning,
)

if TYPE_CHECKING:
    from storage.guide.markdown import (
        GuideFormatError,
        export_guide,
        export_markdown,
        import_guide,
    )

__getattr__ = lazy_exports(
    __name__,
    {
        "GuideFormatError": "storage.guide.markdown",
        "export_guide": "storage.guide.markdown",
        "export_markdown": "storage.guide.markdown",
        "import_guide": "storage.guide.markdown",
    },
)

__all__ = [
    "MIN_ITEMS",
    "TOLERANCE",
    "Guide",
    "GuideFormatError",
    "MixReport",
    "MixRow",
    "MixWindow",
    "Pillar",
    "add_pillar",
    "channel_note_keys",
    "delete_pillar",
    "export_guide",
    "export_markdown",
    "import_guide",
    "list_pillars",
    "load_guide",
    "mix_report",
    "mix_warning",
    "move_pillar",
    "restore_pillar",
    "set_channel_note",
    "target_total",
    "target_warning",
    "update_guide",
    "update_pillar",
]
