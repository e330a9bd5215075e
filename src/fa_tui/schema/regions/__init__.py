"""Regional template sets: each module declares one set and registers it for detection."""

from fa_tui.schema.regions.shanghai import SHANGHAI
from fa_tui.schema.regions.sichuan import SICHUAN

__all__ = ["SHANGHAI", "SICHUAN"]
