"""Dutch Farm's benchmark suite: how fast it is on a large farm, against its stack's floor."""
