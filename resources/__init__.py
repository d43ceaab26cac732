"""Data files shipped with Dutch Farm: the crop library, task types, icons and fonts."""
