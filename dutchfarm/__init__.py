"""Dutch Farm: an allotment planner for a shared community allotment."""

__version__ = "0.1.0"
