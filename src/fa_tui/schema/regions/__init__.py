"""Regional template sets: each module declares one set and registers it for detection."""

from fa_tui.schema.regions.shanghai import SHANGHAI

__all__ = ["SHANGHAI"]
