"""``python -m dutchfarm`` does what the ``dutchfarm`` command does."""

import sys

from dutchfarm.cli import main

sys.exit(main())
